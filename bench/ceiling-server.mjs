// The ceiling for bench/foundation.mjs and bench/county.mjs: a bare Fastify hello-world on
// 127.0.0.1:$BENCH_PORT.
// No logger, no plugins — what this machine can do with Fastify alone.
import Fastify from 'fastify';

const port = Number(process.env.BENCH_PORT);
if (!Number.isInteger(port) || port <= 0) {
  console.error('ceiling-server: set BENCH_PORT');
  process.exit(2);
}

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));

await app.listen({ host: '127.0.0.1', port });

const stop = () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
