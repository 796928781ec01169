/** Encodes fields and files as multipart/form-data the way a browser does, for `app.inject`. */
export async function multipartBody(
  fields: Record<string, string>,
  files: { field?: string; filename: string; bytes: Uint8Array; type?: string }[] = [],
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) {
    form.append(
      file.field ?? "files",
      new Blob([file.bytes], { type: file.type ?? "application/octet-stream" }),
      file.filename,
    );
  }
  const request = new Request("http://localhost/", { method: "POST", body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { "content-type": request.headers.get("content-type") ?? "" },
  };
}
