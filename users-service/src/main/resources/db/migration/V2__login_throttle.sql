-- Failed logins per normalised email, so a burst of wrong passwords for one account is slowed down
-- (429) without touching any other account. Keyed by the email as typed (lower-cased), whether or not
-- an account has it, so the throttle reveals nothing about which emails exist.
CREATE TABLE login_throttle (
    email             VARCHAR(254) PRIMARY KEY,
    failures          INTEGER      NOT NULL,
    window_started_at TIMESTAMPTZ  NOT NULL,
    locked_until      TIMESTAMPTZ
);
