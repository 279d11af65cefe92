// The dashboard's session and its one way to the API: a bearer token on every call, one refresh
// and retry on a 401, and the problem's detail as the error's message.

export const $ = (id) => document.getElementById(id);

// The session lives in this tab only: a reload asks for the password again.
export const session = { access: null, refresh: null, tenant: null, tenants: [], user: null };

export async function api(method, path, body, retried) {
  const headers = { Accept: 'application/json' };
  if (session.access) headers.Authorization = 'Bearer ' + session.access;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  if (res.status === 401 && session.refresh && !retried) {
    if (await refresh()) return api(method, path, body, true);
  }
  const text = await res.text();
  const data = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null;
  if (!res.ok) {
    const err = new Error((data && (data.detail || data.title)) || res.status + ' ' + res.statusText);
    err.status = res.status;
    throw err;
  }
  return data;
}

async function refresh() {
  try {
    const res = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refresh }),
    });
    if (!res.ok) return false;
    const t = await res.json();
    session.access = t.accessToken;
    session.refresh = t.refreshToken;
    return true;
  } catch (e) {
    return false;
  }
}
