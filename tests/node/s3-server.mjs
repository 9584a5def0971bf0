// A local S3-compatible server (s3rver) for the storage tests: node s3-server.mjs <directory> <bucket>
// Prints {"port": N} once it listens, then serves until its stdin closes (the test fixture ends it).
import S3rver from 's3rver';

const [directory, bucket] = process.argv.slice(2);
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  configureBuckets: [{ name: bucket }],
});
const { port } = await server.run();
console.log(JSON.stringify({ port }));
process.stdin.resume();
process.stdin.on('end', async () => {
  await server.close();
  process.exit(0);
});
