/** The package version, which every replay header records as `engine` (the server's and the runner's). */
import pkg from '../package.json' with { type: 'json' };

export const ENGINE_VERSION: string = pkg.version;
