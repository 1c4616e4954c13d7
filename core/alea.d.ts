// seedrandom's Alea generator on its own: the package's main entry also probes for node:crypto,
// which core/ must not touch, so core imports this one file.
declare module 'seedrandom/lib/alea.js' {
  import type seedrandom from 'seedrandom';
  const alea: (seed?: string, options?: { state: seedrandom.State.Alea | true }) => seedrandom.StatefulPRNG<seedrandom.State.Alea>;
  export default alea;
}
