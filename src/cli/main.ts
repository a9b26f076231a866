/** Runs the emjpm command line and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  process.stdout.write(`emjpm: ${argv.slice(2).join(' ')}\n`);
  return 0;
}
