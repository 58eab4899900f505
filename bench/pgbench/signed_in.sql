\set i random(1, 1000)
SELECT s.id, s.user_id, s.expires, s.created_at, u.id, u.email, u.name, u.image, u.email_verified, u.role,
       u.created_at, u.updated_at
FROM sessions s JOIN users u ON u.id = s.user_id
WHERE s.session_token = encode(sha256(convert_to('bench-session-token-' || :i, 'UTF8')), 'hex')
  AND s.expires > now();
