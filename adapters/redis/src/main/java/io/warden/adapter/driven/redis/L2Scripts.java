package io.warden.adapter.driven.redis;

/**
 * The three Lua scripts of the L2. Each compares versions atomically inside Redis, so no read can
 * return, and no write can store, an entry older than a min-version marker of its scope.
 *
 * <p>Key layout shared by {@link #READ} and {@link #PUT}: {@code KEYS[1]} the epoch's sentinel,
 * {@code KEYS[2]} the global marker, {@code KEYS[3]} the tenant's marker, then per user a triple
 * (entry, user marker, pair marker). Without the sentinel Redis lost the epoch's data, markers
 * included: a read finds nothing and a store is refused (both answer {@link #EPOCH_LOST}). Versions
 * are compared as decimal strings (length first), exact for every non-negative {@code long}; a
 * marker that is not a number makes its entries misses.
 */
final class L2Scripts {
  private static final String PRELUDE =
      """
      local function norm(s)
        return (string.gsub(s, '^0+(%d)', '%1'))
      end
      local function num(s)
        if not s then return '0' end
        if string.match(s, '^%d+$') then return norm(s) end
        return nil
      end
      local function ge(a, b)
        if a == nil or b == nil then return false end
        if #a ~= #b then return #a > #b end
        return a >= b
      end
      local function version_of(entry)
        local v = entry and string.match(entry, '^(%d+)|')
        if v then return norm(v) end
        return nil
      end
      local function well_formed(entry)
        -- format 3 (version|until|computedAt|names|org=names;...), or format 2
        -- (version|until|computedAt|names) or 1 (version|until|names) left by an older instance:
        -- each carries the version a newer write must not go below
        return entry and (
            string.match(entry, '^%d+|%-?%d*|%-?%d+|[a-z0-9_%.:%*,]*|[a-z0-9_%.:%*,;=%-]*$') ~= nil
            or string.match(entry, '^%d+|%-?%d*|%-?%d+|[a-z0-9_%.:%*,]*$') ~= nil
            or string.match(entry, '^%d+|%-?%d*|[a-z0-9_%.:%*,]*$') ~= nil)
      end
      """;

  /**
   * What {@link #PUT} answers, and {@link #READ} answers as its only element (entries are text),
   * when the epoch's sentinel is missing.
   */
  static final long EPOCH_LOST = -1;

  /**
   * Returns {@link #EPOCH_LOST} without the sentinel; else, per user, the entry if its version is
   * at least every applicable marker, else nil.
   */
  static final LuaScript READ =
      LuaScript.of(
          "read",
          PRELUDE
              + """
              if redis.call('EXISTS', KEYS[1]) == 0 then return {-1} end
              local g = num(redis.call('GET', KEYS[2]))
              local t = num(redis.call('GET', KEYS[3]))
              local out = {}
              for i = 4, #KEYS, 3 do
                local entry = redis.call('GET', KEYS[i])
                local hit = false
                if entry then
                  local v = version_of(entry)
                  if ge(v, g) and ge(v, t)
                      and ge(v, num(redis.call('GET', KEYS[i + 1])))
                      and ge(v, num(redis.call('GET', KEYS[i + 2]))) then
                    hit = entry
                  end
                end
                out[#out + 1] = hit
              end
              return out
              """);

  /**
   * Stores, per user, ARGV triple (version, ttl millis, value) only if the version is at least
   * every applicable marker and no newer well-formed entry is already there (a corrupt one is
   * replaced); returns how many it stored, or {@link #EPOCH_LOST} without the sentinel.
   */
  static final LuaScript PUT =
      LuaScript.of(
          "put",
          PRELUDE
              + """
              if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
              local g = num(redis.call('GET', KEYS[2]))
              local t = num(redis.call('GET', KEYS[3]))
              local stored = 0
              for i = 4, #KEYS, 3 do
                local a = i - 3
                local v = num(ARGV[a])
                if ge(v, g) and ge(v, t)
                    and ge(v, num(redis.call('GET', KEYS[i + 1])))
                    and ge(v, num(redis.call('GET', KEYS[i + 2]))) then
                  local existing = redis.call('GET', KEYS[i])
                  local current = well_formed(existing) and version_of(existing)
                  if not (current and current ~= v and ge(current, v)) then
                    redis.call('SET', KEYS[i], ARGV[a + 2], 'PX', ARGV[a + 1])
                    stored = stored + 1
                  end
                end
              end
              return stored
              """);

  /**
   * Raises the marker {@code KEYS[1]} to max(marker, ARGV[1]) with TTL ARGV[2] millis, and deletes
   * the entry {@code KEYS[2]} if given.
   */
  static final LuaScript INVALIDATE =
      LuaScript.of(
          "invalidate",
          PRELUDE
              + """
              local v = num(ARGV[1])
              local current = num(redis.call('GET', KEYS[1]))
              if current == nil or ge(v, current) then
                redis.call('SET', KEYS[1], v, 'PX', ARGV[2])
              else
                redis.call('PEXPIRE', KEYS[1], ARGV[2])
              end
              if KEYS[2] then
                redis.call('DEL', KEYS[2])
              end
              return 1
              """);

  private L2Scripts() {}
}
