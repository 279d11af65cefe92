// What the browser tests' scripts share: the environment their Java test sets, and Warden's JSON
// API called from Node (for set-up and for checking what a page shows).

/** The environment variable `name`; the Java test that runs the script sets it. */
export function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(name + ' is not set; the Java test that runs this script sets it');
  return value;
}

/** Calls Warden at `base`: the answer's status and its JSON body (null when empty). */
export async function call(base, method, path, token, body) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = 'Bearer ' + token;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
