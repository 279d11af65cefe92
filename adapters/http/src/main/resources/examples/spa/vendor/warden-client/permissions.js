// Whether a set of granted permission names (as /api/me lists them, wildcards included) grants a
// name: `reports.*` grants itself and every name starting with `reports.` (API.md, wildcards).
export function grants(granted, permission) {
    if (granted.has(permission))
        return true;
    for (const name of granted) {
        if (!name.endsWith('*'))
            continue;
        const prefix = name.slice(0, -1);
        if (prefix.length > 0 && permission.length > prefix.length && permission.startsWith(prefix)) {
            return true;
        }
    }
    return false;
}
