import type { TestProject } from 'vitest/node'
import { type RunningServer, startServer } from './server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
  }
}

let server: RunningServer | undefined

// One server for all journey files: a fresh embedded database takes several seconds to create.
export async function setup(project: TestProject) {
  server = await startServer()
  project.provide('baseURL', server.baseURL)
}

export async function teardown() {
  const stderr = server?.stderr().trim()
  await server?.stop()
  if (stderr) console.warn(`server stderr during the run:\n${stderr}`)
}
