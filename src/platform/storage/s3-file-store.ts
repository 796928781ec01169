import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { Sealer } from "../crypto/sealer.js";
import type { FileStore } from "./file-store.js";
import {
  assertFileKey,
  FileMissingError,
  fileKeyFor,
  openVerified,
  StorageUnavailableError,
} from "./stored-file.js";

/** An S3-compatible bucket (MinIO, Ceph RGW, a cloud's object storage); see docs/storage.md. */
export interface S3Settings {
  bucket: string;
  /** Key prefix inside the bucket, "" or ending in "/". */
  prefix: string;
  /** Unset: the cloud's own endpoint for `region`. */
  endpoint?: string;
  region: string;
  /** Path-style URLs (`endpoint/bucket/key`), what MinIO and Ceph expect. */
  forcePathStyle: boolean;
  /** Unset: the SDK's default chain (AWS_* variables, instance or pod role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Attempts per request, the first included, before the store counts as unavailable. */
  maxAttempts: number;
}

/** S3's least part size; a larger body goes up in parts of this size, a part retried on its own. */
export const PART_BYTES = 5 * 1024 * 1024;

/**
 * The file store in a bucket: same keys (under `prefix`), same sealing, same sha256 check on every read as
 * the local directory. A PUT that resolved is durable, so the write still finishes before the registration
 * commits. SlowDown, 500/502/503/504 and network errors are retried by the SDK's standard strategy
 * (exponential back-off with jitter, `maxAttempts`); past them the store is unavailable (503 upstream).
 */
export function createS3FileStore(settings: S3Settings, sealer?: Sealer): FileStore {
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
    maxAttempts: settings.maxAttempts,
    retryMode: "standard",
    // The sha256 of every file is checked by us; the SDK's extra CRC trailers are not understood by
    // every S3-compatible server.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    // A store that stops answering counts as down within seconds, not after the OS's TCP timeout.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
  });
  const Bucket = settings.bucket;
  const objectKey = (key: string) => {
    assertFileKey(key);
    return `${settings.prefix}${key}`;
  };

  const writeStored = async (key: string, stored: Uint8Array) => {
    const Key = objectKey(key);
    try {
      if (stored.length <= PART_BYTES)
        await client.send(new PutObjectCommand({ Bucket, Key, Body: stored, ContentLength: stored.length }));
      // Parts go up two at a time; a failed upload is aborted, so no parts are left behind.
      else
        await new Upload({
          client,
          params: { Bucket, Key, Body: stored },
          partSize: PART_BYTES,
          queueSize: 2,
        }).done();
    } catch (error) {
      throw new StorageUnavailableError(error);
    }
  };

  const readStored = async (key: string) => {
    const Key = objectKey(key);
    try {
      const answer = await client.send(new GetObjectCommand({ Bucket, Key }));
      return Buffer.from(await answer.Body!.transformToByteArray());
    } catch (error) {
      if (isMissing(error)) throw new FileMissingError(key);
      throw new StorageUnavailableError(error);
    }
  };

  return {
    async put(bytes, known) {
      const { key, sha256 } = fileKeyFor(bytes, known);
      await writeStored(key, sealer ? sealer.sealBytes(bytes) : bytes);
      return { key, sha256 };
    },
    read: async (key) => openVerified(key, await readStored(key), sealer),
    async remove(key) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
      } catch (error) {
        throw new StorageUnavailableError(error);
      }
    },
    // One HEAD on the bucket: it answers, the credentials are accepted, the bucket exists.
    check: async () => {
      await client.send(new HeadBucketCommand({ Bucket }));
    },
    readStored,
    writeStored,
  };
}

function isMissing(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  // A missing bucket is a setting to fix, not a lost file.
  return (
    error.name === "NoSuchKey" || (error.$metadata.httpStatusCode === 404 && error.name !== "NoSuchBucket")
  );
}
