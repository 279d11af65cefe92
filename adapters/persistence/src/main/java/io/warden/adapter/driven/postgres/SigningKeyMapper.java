package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.SigningKeyRepository.StoredSigningKey;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * SQL of {@code signing_keys}, read into and written from the port's own {@link StoredSigningKey}:
 * its six values are the table's columns, so a row record would copy it field for field. The
 * columns are bound to its canonical constructor here, by position, since it has two.
 */
interface SigningKeyMapper {

  @Select(
      """
      SELECT kid AS key_id, algorithm, private_key, public_key, created_at,
             COALESCE(signs_from, created_at) AS signs_from
      FROM signing_keys WHERE active ORDER BY created_at DESC, kid DESC
      """)
  @ConstructorArgs({
    @Arg(column = "key_id", javaType = String.class),
    @Arg(column = "algorithm", javaType = String.class),
    @Arg(column = "private_key", javaType = String.class),
    @Arg(column = "public_key", javaType = String.class),
    @Arg(column = "created_at", javaType = Instant.class),
    @Arg(column = "signs_from", javaType = Instant.class)
  })
  List<StoredSigningKey> activeKeys();

  /**
   * Serialises instances that race to create the first key: held until the transaction ends, so the
   * second one's next statement sees the first one's committed key.
   */
  @Select("SELECT pg_advisory_xact_lock(hashtext('warden'), hashtext('signing_keys'))::text")
  String lockKeyCreation();

  @Insert(
      """
      INSERT INTO signing_keys (kid, algorithm, private_key, public_key, created_at, signs_from,
                                active)
      SELECT #{keyId}, #{algorithm}, #{privateKey}, #{publicKey}, #{createdAt}, #{signsFrom}, true
      WHERE NOT EXISTS (SELECT 1 FROM signing_keys WHERE active)
      """)
  int insertIfNoneActive(StoredSigningKey key);

  /** Inserts {@code key} only while {@code newestKeyId} is still the newest active key. */
  @Insert(
      """
      INSERT INTO signing_keys (kid, algorithm, private_key, public_key, created_at, signs_from,
                                active)
      SELECT #{key.keyId}, #{key.algorithm}, #{key.privateKey}, #{key.publicKey}, #{key.createdAt},
             #{key.signsFrom}, true
      WHERE (SELECT kid FROM signing_keys WHERE active ORDER BY created_at DESC, kid DESC LIMIT 1)
            = #{newestKeyId}
      """)
  int insertIfNewestIs(
      @Param("newestKeyId") String newestKeyId, @Param("key") StoredSigningKey key);

  @Update(
      "UPDATE signing_keys SET private_key = #{replacement}"
          + " WHERE kid = #{keyId} AND private_key = #{expected}")
  int replacePrivateKey(
      @Param("keyId") String keyId,
      @Param("expected") String expected,
      @Param("replacement") String replacement);

  /** The function of changeset 006: retires the key and announces it in this transaction. */
  @Select("SELECT warden_retire_signing_key(#{keyId})")
  boolean retire(@Param("keyId") String keyId);
}
