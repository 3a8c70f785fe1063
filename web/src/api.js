// JSON from /api; a non-2xx answer becomes an Error carrying the server's coded message (NG-E…).
export async function get(path, params) {
  const q = params ? `?${params.toString()}` : "";
  const res = await fetch(`/api/${path}${q}`, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = new Error(body.error || `HTTP ${res.status}`);
    err.status = res.status;
    throw err;
  }
  return body;
}

export function enc(id) {
  return String(id).split("/").map(encodeURIComponent).join("/");
}
