-- Failed logins per normalised email AND client (the address the gateway forwards), so a stranger's wrong
-- passwords lock out only the stranger's own client, never the account's owner elsewhere (contract section 7).
-- login_throttle (V2) now counts failures per email across all clients, against a much higher ceiling that
-- stops guessing spread over many clients.
CREATE TABLE login_throttle_client (
    email             VARCHAR(254) NOT NULL,
    client            VARCHAR(64)  NOT NULL,
    failures          INTEGER      NOT NULL,
    window_started_at TIMESTAMPTZ  NOT NULL,
    locked_until      TIMESTAMPTZ,
    PRIMARY KEY (email, client)
);

-- Rows whose window has passed are deleted now and then; these find them without a full scan.
CREATE INDEX login_throttle_client_window_idx ON login_throttle_client (window_started_at);
CREATE INDEX login_throttle_window_idx ON login_throttle (window_started_at);
