import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./index.js";

describe("STORAGE_URL and the S3 settings", () => {
  it("defaults to DATA_DIR/files; file:<dir> names another directory", () => {
    expect(loadConfig({ DATA_DIR: "/srv/b" }).storage).toEqual({ kind: "file", dir: "/srv/b/files" });
    expect(loadConfig({ STORAGE_URL: "file:./store" }).storage).toEqual({
      kind: "file",
      dir: path.resolve("./store"),
    });
  });

  it("s3://bucket/prefix with an endpoint: path-style, credentials from the environment only", () => {
    const storage = loadConfig({
      STORAGE_URL: "s3://borikan-files/province/",
      S3_ENDPOINT: "https://minio.internal:9000",
      S3_ACCESS_KEY_ID: "id",
      S3_SECRET_ACCESS_KEY: "secret",
    }).storage;
    expect(storage).toEqual({
      kind: "s3",
      bucket: "borikan-files",
      prefix: "province/",
      endpoint: "https://minio.internal:9000",
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "id", secretAccessKey: "secret" },
      maxAttempts: 4,
    });
    // A cloud bucket: no endpoint, virtual-hosted style, the SDK's own credential chain.
    const cloud = loadConfig({ STORAGE_URL: "s3://borikan-files", S3_REGION: "ap-southeast-1" }).storage;
    expect(cloud).toMatchObject({ prefix: "", region: "ap-southeast-1", forcePathStyle: false });
    expect("credentials" in cloud).toBe(false);
  });

  it("refuses what it cannot use, saying how to fix it", () => {
    for (const env of [
      { STORAGE_URL: "s3://" },
      { STORAGE_URL: "s3://UPPER/x" },
      { STORAGE_URL: "ftp://host/dir" },
      { STORAGE_URL: "s3://b1/x", S3_ENDPOINT: "minio:9000" },
      { STORAGE_URL: "s3://b1/x", S3_ACCESS_KEY_ID: "id" },
      { STORAGE_URL: "s3://b1/x", S3_MAX_ATTEMPTS: "0" },
    ])
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(ConfigError);
  });
});
