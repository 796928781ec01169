import { loadConfig } from "./config/index.js";
import { createService } from "./service.js";

// Starts Borikan: the web server, and unless ROLE=web the workers, with settings from the environment.
const config = loadConfig();
const service = await createService(config);
if (config.role !== "worker") {
  await service.app.listen({ host: config.host, port: config.port });
  console.log(`Borikan is serving on ${config.publicUrl} (database: ${service.handle.dialect})`);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    service.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
