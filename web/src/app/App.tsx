import { useState } from 'react'
import { RouterProvider } from 'react-router'
import { Providers } from './Providers.tsx'
import { createRouter } from './routes.tsx'

export function App() {
  const [router] = useState(createRouter)
  return (
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  )
}
