/**
 * Maximum-weight bipartite b-matching as a min-cost flow, solved exactly by the primal–dual method
 * (successive shortest paths, many paths per round).
 *
 * Network: source → provider p (capacity cap[p], cost 0), p → target t for every candidate edge (capacity 1,
 * cost −w), t → sink (capacity dem[t], cost 0). An integral flow is an assignment; its cost is −(total fit).
 *
 * Each round runs Dijkstra on reduced costs c(u,v) + π(u) − π(v) (Johnson potentials, never negative), then
 * raises π by the distances, so that the edges of reduced cost 0 (the admissible edges) carry exactly the
 * shortest source–sink paths. A max flow over admissible edges only (depth-first passes with current-arc
 * pointers, repeated until a pass finds no path) augments all shortest paths of this length at once;
 * pushing flow along 0-reduced-cost edges keeps all reduced costs ≥ 0, so the flow stays a min-cost flow
 * for its value (no negative cycle). Once the sink is cut off in the admissible graph, every remaining
 * path has reduced length ≥ 1, so the true shortest path length π(sink) − π(source) grows by at least 1 per
 * round: with integer fits at most W it runs from −W to 0, hence at most W + 1 rounds.
 *
 * Stopping: the min cost as a function of the flow value is convex and its slopes are the successive
 * shortest path lengths. We augment while the shortest path costs ≤ 0 and stop at the first > 0, which
 * reaches the largest flow value of minimum cost — i.e. the maximum total fit, and among assignments with
 * that fit one with the most pairs. Not maximum cardinality at any cost: a path that would lower the total
 * fit is never taken.
 */

export interface FlowResult {
  /** 1 for candidate edges in the assignment */
  used: Uint8Array
  phases: number
  augmentations: number
}

const FRESH = 0
const ON_STACK = 1
const DEAD = 2

/** A binary min-heap of (key, node) with lazy deletion, in typed arrays. */
class Heap {
  private keys: Float64Array
  private nodes: Int32Array
  size = 0

  constructor(capacity: number) {
    this.keys = new Float64Array(capacity + 1)
    this.nodes = new Int32Array(capacity + 1)
  }

  push(key: number, node: number) {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.keys.length * 2)
      keys.set(this.keys)
      this.keys = keys
      const nodes = new Int32Array(this.nodes.length * 2)
      nodes.set(this.nodes)
      this.nodes = nodes
    }
    let i = this.size++
    const keys = this.keys
    const nodes = this.nodes
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (keys[parent]! <= key) break
      keys[i] = keys[parent]!
      nodes[i] = nodes[parent]!
      i = parent
    }
    keys[i] = key
    nodes[i] = node
  }

  /** Removes the top; read `topKey`/`topNode` first. */
  pop() {
    const keys = this.keys
    const nodes = this.nodes
    const n = --this.size
    const key = keys[n]!
    const node = nodes[n]!
    let i = 0
    while (true) {
      let child = 2 * i + 1
      if (child >= n) break
      if (child + 1 < n && keys[child + 1]! < keys[child]!) child++
      if (keys[child]! >= key) break
      keys[i] = keys[child]!
      nodes[i] = nodes[child]!
      i = child
    }
    keys[i] = key
    nodes[i] = node
  }

  get topKey() {
    return this.keys[0]!
  }

  get topNode() {
    return this.nodes[0]!
  }
}

/**
 * @param cap   per provider, how many targets it can take
 * @param dem   per target, how many providers it wants
 * @param ep/et/ew  candidate edges: provider, target, fit (integers; pairs must be distinct)
 */
export function maxWeightBMatching(
  cap: Int32Array,
  dem: Int32Array,
  ep: Int32Array,
  et: Int32Array,
  ew: Int32Array,
): FlowResult {
  const nP = cap.length
  const nT = dem.length
  const nE = ep.length
  const s = nP + nT
  const z = s + 1
  const N = nP + nT + 2
  const M = 2 * (nP + nE + nT)
  const to = new Int32Array(M)
  const capacity = new Int32Array(M)
  const cost = new Int32Array(M)
  let m = 0
  const add = (u: number, v: number, c: number, w: number) => {
    to[m] = v
    capacity[m] = c
    cost[m] = w
    to[m + 1] = u
    cost[m + 1] = -w
    m += 2
  }
  for (let p = 0; p < nP; p++) add(s, p, cap[p]!, 0)
  const firstPair = m
  for (let i = 0; i < nE; i++) add(ep[i]!, nP + et[i]!, 1, -ew[i]!)
  for (let t = 0; t < nT; t++) add(nP + t, z, dem[t]!, 0)

  // Adjacency in CSR form: edge e leaves to[e ^ 1].
  const start = new Int32Array(N + 1)
  for (let e = 0; e < M; e++) start[to[e ^ 1]! + 1]!++
  for (let v = 0; v < N; v++) start[v + 1]! += start[v]!
  const list = new Int32Array(M)
  const fill = start.slice(0, N)
  for (let e = 0; e < M; e++) list[fill[to[e ^ 1]!]!++] = e

  // Initial potentials make every residual edge's reduced cost ≥ 0 (the only negative costs are p → t).
  const pot = new Float64Array(N)
  for (let i = 0; i < nE; i++) {
    const t = nP + et[i]!
    if (-ew[i]! < pot[t]!) pot[t] = -ew[i]!
  }
  for (let t = nP; t < s; t++) if (pot[t]! < pot[z]!) pot[z] = pot[t]!

  const dist = new Float64Array(N)
  const done = new Uint8Array(N)
  const state = new Uint8Array(N)
  const astart = new Int32Array(N + 1)
  const alist = new Int32Array(M)
  const it = new Int32Array(N)
  const path = new Int32Array(N)
  const heap = new Heap(Math.min(M, 1 << 20) + 1)
  let phases = 0
  let augmentations = 0

  /**
   * One depth-first pass over the admissible arcs (`astart`/`alist`) from the source, augmenting every path it meets; returns
   * how many. Current-arc pointers make a pass O(edges + path lengths). A node is fresh, on the stack, or
   * dead (no way on to the sink in this pass); after an augmentation the path's nodes past the first
   * saturated edge are fresh again. A pass that augments nothing has explored everything reachable, so
   * then the sink is cut off from the source in the admissible graph.
   */
  const admissiblePass = (): number => {
    it.set(astart.subarray(0, N))
    state.fill(FRESH)
    state[s] = ON_STACK
    let found = 0
    let top = 0
    let u = s
    while (true) {
      if (u === z) {
        let f = Number.POSITIVE_INFINITY
        for (let i = 0; i < top; i++) f = Math.min(f, capacity[path[i]!]!)
        let first = -1
        for (let i = 0; i < top; i++) {
          const e = path[i]!
          capacity[e]! -= f
          capacity[e ^ 1]! += f
          if (first < 0 && capacity[e] === 0) first = i
        }
        found++
        for (let i = first; i < top; i++) state[to[path[i]!]!] = FRESH
        top = first
        u = to[path[first]! ^ 1]!
        continue
      }
      let advanced = false
      for (const end = astart[u + 1]!; it[u]! < end; it[u]!++) {
        const e = alist[it[u]!]!
        const v = to[e]!
        if (capacity[e] === 0 || state[v] !== FRESH) continue
        path[top++] = e
        if (v !== z) state[v] = ON_STACK
        u = v
        advanced = true
        break
      }
      if (!advanced) {
        state[u] = DEAD
        if (top === 0) return found
        const e = path[--top]!
        u = to[e ^ 1]!
        it[u]!++
      }
    }
  }

  while (true) {
    // Dijkstra on reduced costs, stopping when the sink is settled.
    dist.fill(Number.POSITIVE_INFINITY)
    done.fill(0)
    dist[s] = 0
    heap.size = 0
    heap.push(0, s)
    while (heap.size > 0) {
      const d = heap.topKey
      const u = heap.topNode
      heap.pop()
      if (done[u] || d > dist[u]!) continue
      done[u] = 1
      if (u === z) break
      const pu = pot[u]!
      for (let i = start[u]!, end = start[u + 1]!; i < end; i++) {
        const e = list[i]!
        if (capacity[e] === 0) continue
        const v = to[e]!
        if (done[v]) continue
        const nd = d + cost[e]! + pu - pot[v]!
        if (nd < dist[v]!) {
          dist[v] = nd
          heap.push(nd, v)
        }
      }
    }
    const D = dist[z]!
    if (D === Number.POSITIVE_INFINITY) break
    // Nodes not settled get D: reduced costs stay ≥ 0 and the shortest paths become exactly the 0-edges.
    for (let v = 0; v < N; v++) pot[v]! += Math.min(dist[v]!, D)
    if (pot[z]! - pot[s]! > 0) break // every further path would lower the total fit
    phases++

    // Max flow over admissible edges (reduced cost 0, capacity left), by depth-first passes. Pushing flow
    // only adds reverse edges of reduced cost 0, so the arcs of reduced cost 0 are listed once per round.
    let a = 0
    for (let u = 0; u < N; u++) {
      astart[u] = a
      const pu = pot[u]!
      for (let i = start[u]!, end = start[u + 1]!; i < end; i++) {
        const e = list[i]!
        if (cost[e]! + pu - pot[to[e]!]! === 0) alist[a++] = e
      }
    }
    astart[N] = a
    while (true) {
      const found = admissiblePass()
      augmentations += found
      if (found === 0) break
    }
  }

  const used = new Uint8Array(nE)
  for (let i = 0; i < nE; i++) used[i] = capacity[firstPair + 2 * i] === 0 ? 1 : 0
  return { used, phases, augmentations }
}
