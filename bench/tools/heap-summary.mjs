// Summarise a V8 .heapsnapshot (bench/README.md, "What an idle embedded server's heap holds"): self size by
// node type and constructor, and the largest retained subtrees of the dominator tree with the edges leading
// to each. node bench/tools/heap-summary.mjs FILE [minMB] [label-regexp depth [group-depth]]
import { readFileSync } from 'node:fs'

const snap = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const m = snap.snapshot.meta
const NF = m.node_fields.length,
  EF = m.edge_fields.length
const nTypes = m.node_fields.indexOf('type'),
  nName = m.node_fields.indexOf('name'),
  nSelf = m.node_fields.indexOf('self_size'),
  nEdges = m.node_fields.indexOf('edge_count')
const eType = m.edge_fields.indexOf('type'),
  eName = m.edge_fields.indexOf('name_or_index'),
  eTo = m.edge_fields.indexOf('to_node')
const nodeTypes = m.node_types[0],
  edgeTypes = m.edge_types[0]
const nodes = snap.nodes,
  edges = snap.edges,
  strings = snap.strings
const N = nodes.length / NF
const firstEdge = new Uint32Array(N + 1)
for (let i = 0, e = 0; i < N; i++) {
  firstEdge[i] = e
  e += nodes[i * NF + nEdges] * EF
}
firstEdge[N] = edges.length
const weakT = edgeTypes.indexOf('weak')
const typeOf = (i) => nodeTypes[nodes[i * NF + nTypes]]
const nameOf = (i) => strings[nodes[i * NF + nName]]
const selfOf = (i) => nodes[i * NF + nSelf]
// predecessors
const predCount = new Uint32Array(N)
for (let i = 0; i < N; i++)
  for (let e = firstEdge[i]; e < firstEdge[i + 1]; e += EF) {
    const t = edges[e + eType]
    if (t === weakT) continue
    predCount[edges[e + eTo] / NF]++
  }
const predStart = new Uint32Array(N + 1)
for (let i = 0; i < N; i++) predStart[i + 1] = predStart[i] + predCount[i]
const preds = new Uint32Array(predStart[N])
const fill = predStart.slice(0, N)
for (let i = 0; i < N; i++)
  for (let e = firstEdge[i]; e < firstEdge[i + 1]; e += EF) {
    const t = edges[e + eType]
    if (t === weakT) continue
    const to = edges[e + eTo] / NF
    preds[fill[to]++] = i
  }
// DFS postorder from root 0
const post = new Int32Array(N).fill(-1),
  order = []
const stack = [0],
  it = [firstEdge[0]]
post[0] = -2
const visited = new Uint8Array(N)
visited[0] = 1
while (stack.length) {
  const v = stack[stack.length - 1]
  let e = it[it.length - 1]
  let pushed = false
  while (e < firstEdge[v + 1]) {
    const t = edges[e + eType]
    const to = edges[e + eTo] / NF
    e += EF
    if (t === weakT) continue
    if (!visited[to]) {
      visited[to] = 1
      it[it.length - 1] = e
      stack.push(to)
      it.push(firstEdge[to])
      pushed = true
      break
    }
  }
  if (!pushed) {
    stack.pop()
    it.pop()
    post[v] = order.length
    order.push(v)
  }
}
const R = order.length
const idom = new Int32Array(N).fill(-1)
idom[0] = 0
const intersect = (a, b) => {
  while (a !== b) {
    while (post[a] < post[b]) a = idom[a]
    while (post[b] < post[a]) b = idom[b]
  }
  return a
}
let changed = true,
  passes = 0
while (changed) {
  changed = false
  passes++
  for (let k = R - 2; k >= 0; k--) {
    const v = order[k]
    let nd = -1
    for (let p = predStart[v]; p < predStart[v + 1]; p++) {
      const u = preds[p]
      if (!visited[u] || idom[u] === -1) continue
      nd = nd === -1 ? u : intersect(u, nd)
    }
    if (nd !== -1 && idom[v] !== nd) {
      idom[v] = nd
      changed = true
    }
  }
}
const retained = new Float64Array(N)
for (let k = 0; k < R; k++) {
  const v = order[k]
  retained[v] += selfOf(v)
  if (v !== 0) retained[idom[v]] += retained[v]
}
let total = 0
for (let i = 0; i < N; i++) total += selfOf(i)
console.log(
  `nodes ${N}, reachable ${R}, passes ${passes}, total self ${(total / 1048576).toFixed(1)} MB, root retained ${(retained[0] / 1048576).toFixed(1)} MB`,
)
// self by type / constructor
const byType = new Map(),
  byCtor = new Map()
for (let i = 0; i < N; i++) {
  const t = typeOf(i),
    s = selfOf(i)
  byType.set(t, (byType.get(t) ?? 0) + s)
  const k = t === 'object' || t === 'closure' ? `${t}:${nameOf(i)}` : t
  byCtor.set(k, (byCtor.get(k) ?? 0) + s)
}
const mb = (x) => (x / 1048576).toFixed(1)
console.log('\nself size by node type:')
for (const [k, v] of [...byType].sort((a, b) => b[1] - a[1]).slice(0, 12))
  console.log(`  ${mb(v).padStart(7)} MB  ${k}`)
console.log('\nself size by constructor:')
for (const [k, v] of [...byCtor].sort((a, b) => b[1] - a[1]).slice(0, 20))
  console.log(`  ${mb(v).padStart(7)} MB  ${k}`)
// edge name from idom to node (first matching edge)
const edgeName = (from, to) => {
  for (let e = firstEdge[from]; e < firstEdge[from + 1]; e += EF)
    if (edges[e + eTo] / NF === to) {
      const t = edgeTypes[edges[e + eType]]
      const n = edges[e + eName]
      return t === 'element' || t === 'hidden' ? `[${n}]` : strings[n]
    }
  return '?'
}
const label = (i) => `${typeOf(i)} ${String(nameOf(i)).slice(0, 60).replace(/\n/g, ' ')}`
const minMb = Number(process.argv[3] ?? 4)
// largest dominator subtrees: nodes with retained >= minMb whose children all < minMb... print those with chain
const cand = []
for (let k = 0; k < R; k++) {
  const v = order[k]
  if (retained[v] >= minMb * 1048576) cand.push(v)
}
// keep "leaf-ish": no child of it also in cand with > 70% of its retained
const bigChild = new Map()
for (const v of cand)
  if (v !== 0) {
    const p = idom[v]
    if (retained[v] > 0.7 * retained[p]) bigChild.set(p, true)
  }
console.log(`\nsubtrees retaining >= ${minMb} MB (not mostly one child), with dominator chain:`)
for (const v of cand.sort((a, b) => retained[b] - retained[a])) {
  if (bigChild.get(v)) continue
  const chain = []
  let x = v
  let d = 0
  while (x !== 0 && d < 8) {
    const p = idom[x]
    chain.push(`${edgeName(p, x)}→${label(x).slice(0, 40)}`)
    x = p
    d++
  }
  console.log(`  ${mb(retained[v]).padStart(7)} MB  ${label(v)}\n            ${chain.reverse().join(' | ')}`)
}
// drill: children in the dominator tree of nodes whose label matches argv[4], depth argv[5]
if (process.argv[4]) {
  const kids = new Map()
  for (let k = 0; k < R; k++) {
    const v = order[k]
    if (v === 0) continue
    const p = idom[v]
    if (!kids.has(p)) kids.set(p, [])
    kids.get(p).push(v)
  }
  const re = new RegExp(process.argv[4])
  const depth = Number(process.argv[5] ?? 3)
  const show = (v, d, ind) => {
    console.log(`${ind}${mb(retained[v]).padStart(7)} MB  ${edgeName(idom[v], v)} → ${label(v)}`)
    if (d >= depth) return
    const ks = (kids.get(v) ?? []).sort((a, b) => retained[b] - retained[a]).slice(0, 6)
    for (const c of ks) if (retained[c] > 0.5 * 1048576) show(c, d + 1, ind + '  ')
  }
  const roots = cand.filter((v) => re.test(label(v))).slice(0, 3)
  for (const r of roots) show(r, 0, '')
}
if (process.argv[6]) {
  // group dominator-tree descendants (depth <= argv[6]) of the first match by label: count, retained sum
  const kids = new Map()
  for (let k = 0; k < R; k++) {
    const v = order[k]
    if (v === 0) continue
    const p = idom[v]
    if (!kids.has(p)) kids.set(p, [])
    kids.get(p).push(v)
  }
  const re = new RegExp(process.argv[4])
  const root = cand.find((v) => re.test(label(v)))
  const maxD = Number(process.argv[6])
  const agg = new Map()
  const walk = (v, d, path) => {
    for (const c of kids.get(v) ?? []) {
      const key = `d${d} ${path}${edgeName(v, c).replace(/^\[\d+\]$/, '[]')}→${label(c).slice(0, 30)}`
      const a = agg.get(key) ?? [0, 0]
      a[0]++
      a[1] += retained[c]
      agg.set(key, a)
      if (d < maxD) walk(c, d + 1, '')
    }
  }
  walk(root, 1, '')
  for (const [k, [n, s]] of [...agg].sort((a, b) => b[1][1] - a[1][1]).slice(0, 40))
    console.log(`${mb(s).padStart(7)} MB ×${n}  ${k}`)
}
