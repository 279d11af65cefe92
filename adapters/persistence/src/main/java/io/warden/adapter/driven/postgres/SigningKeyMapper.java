package io.warden.adapter.driven.postgres;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Select;

/** SQL of {@code signing_keys}. */
interface SigningKeyMapper {

  @Select(
      """
      SELECT kid AS key_id, algorithm, private_key, public_key, created_at
      FROM signing_keys WHERE active ORDER BY created_at DESC, kid DESC
      """)
  List<SigningKeyRow> activeKeys();

  /**
   * Serialises instances that race to create the first key: held until the transaction ends, so the
   * second one's next statement sees the first one's committed key.
   */
  @Select("SELECT pg_advisory_xact_lock(hashtext('warden'), hashtext('signing_keys'))::text")
  String lockKeyCreation();

  @Insert(
      """
      INSERT INTO signing_keys (kid, algorithm, private_key, public_key, created_at, active)
      SELECT #{keyId}, #{algorithm}, #{privateKey}, #{publicKey}, #{createdAt}, true
      WHERE NOT EXISTS (SELECT 1 FROM signing_keys WHERE active)
      """)
  int insertIfNoneActive(SigningKeyRow row);
}
