from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "auth_code" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "email" VARCHAR(320) NOT NULL,
    "purpose" VARCHAR(30) NOT NULL,
    "code_hash" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "attempts" INT NOT NULL,
    "used_at" TIMESTAMPTZ,
    "voided_at" TIMESTAMPTZ,
    "payload" JSONB NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_auth_code_email_9c85d6" ON "auth_code" ("email", "purpose", "used_at", "voided_at");
COMMENT ON COLUMN "auth_code"."purpose" IS 'verify_email: verify_email\npassword_reset: password_reset\nlogin: login\nlink_account: link_account';
COMMENT ON TABLE "auth_code" IS 'A 6-digit code mailed to an address; only its keyed hash is kept.';
        CREATE TABLE IF NOT EXISTS "app_user" (
    "id" UUID NOT NULL PRIMARY KEY,
    "email" VARCHAR(320) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "password_hash" VARCHAR(255),
    "email_verified_at" TIMESTAMPTZ,
    "password_changed_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL
);
        CREATE TABLE IF NOT EXISTS "workspace" (
    "id" UUID NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "plan" VARCHAR(20) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON COLUMN "workspace"."plan" IS 'free: free\npro: pro';
        CREATE TABLE IF NOT EXISTS "api_key" (
    "id" UUID NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL,
    "prefix" VARCHAR(20) NOT NULL UNIQUE,
    "key_hash" VARCHAR(64) NOT NULL UNIQUE,
    "scopes" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "last_used_at" TIMESTAMPTZ,
    "revoked_at" TIMESTAMPTZ,
    "created_by_id" UUID NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    "workspace_id" UUID NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "api_key" IS 'A workspace API key: shown once, stored as SHA-256, recognisable by its prefix.';
        CREATE TABLE IF NOT EXISTS "audit_event" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "action" VARCHAR(60) NOT NULL,
    "ip" VARCHAR(64),
    "user_agent" VARCHAR(300),
    "details" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "actor_id" UUID REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "workspace_id" UUID REFERENCES "workspace" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_audit_event_workspa_1f1504" ON "audit_event" ("workspace_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_audit_event_action_afec51" ON "audit_event" ("action", "created_at");
        CREATE TABLE IF NOT EXISTS "auth_session" (
    "id" UUID NOT NULL PRIMARY KEY,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "last_seen_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "revoked_at" TIMESTAMPTZ,
    "ip" VARCHAR(64),
    "user_agent" VARCHAR(300),
    "user_id" UUID NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    "workspace_id" UUID NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_auth_sessio_user_id_c91637" ON "auth_session" ("user_id", "revoked_at");
COMMENT ON TABLE "auth_session" IS 'A server-side session; the cookie holds a random token whose SHA-256 is stored here.';
        CREATE TABLE IF NOT EXISTS "membership" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "role" VARCHAR(20) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    "workspace_id" UUID NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_membership_user_id_c0172c" UNIQUE ("user_id", "workspace_id")
);
COMMENT ON COLUMN "membership"."role" IS 'owner: owner\nadmin: admin\nmember: member';
        CREATE TABLE IF NOT EXISTS "oauth_account" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "provider" VARCHAR(30) NOT NULL,
    "subject" VARCHAR(255) NOT NULL,
    "email" VARCHAR(320),
    "created_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_oauth_accou_provide_13e1b5" UNIQUE ("provider", "subject")
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "auth_session";
        DROP TABLE IF EXISTS "workspace";
        DROP TABLE IF EXISTS "membership";
        DROP TABLE IF EXISTS "oauth_account";
        DROP TABLE IF EXISTS "api_key";
        DROP TABLE IF EXISTS "audit_event";
        DROP TABLE IF EXISTS "app_user";
        DROP TABLE IF EXISTS "auth_code";"""


MODELS_STATE = (
    "eJztXf9T2zgW/1c0/qk7QxlIIOXYm5sJlG65Ftgr6e3Olh1XsUWijS15bZmQ6fV/P0m24+"
    "/GDglxXP1CsKQny58nye999CR/02xqIsvbHzr4A1pop+CbRqCN+D+ZnD2gQceJ00UCg2NL"
    "FoUO1mdhobHHXGgwnnwPLQ/xJBN5hosdhikRhYdgTt2Z50ADgeGvl4ALngJvSucEUGJwAY"
    "9RF5kAeuD2/fB173iwB1xk0AnBnrghGC8AZh5wXHSPH/fFTU1q8LtiMtlQ/T7Bf/tIZ3SC"
    "2BS5/C5f/uTJmJjoEXnRpTPT7zGyzBSK2BQVyHSdLRyZ9vnz5dt3sqRo+1g3qOXbJC7tLN"
    "iUkmVx38fmvpAReRNEkAsZMhMAE9+yQlVESUGLeQJzfbRsqhknmOge+pZQk/bPe58YQjtA"
    "3kn8OfpX2LREMV2/vhnptxcjXddyWhVNyCgiTDIoET0CEyaA+vY9qDcGRKZq4gbn74efXv"
    "UHP0kIqMcmrsyUcGnfpSBkMBCVoMcoy98czudT6BbjHJXPIM0bugrGUUIMctz1I/gigDYA"
    "qWbDR91CZMKm/PLw4KAC4/8OP0mYeSmJM+VjNRjD12FWL8gTeMf4BmOhCcKxxHowfrofvx"
    "jCvToA98rx7eXg5VOUPoXetAnASZnOQTw4qgHx4KgUYpGVhtgzqKgjB/C/b2+uiwGOJTLw"
    "mthg4H/Awh7b1GyRmJPHPrYYJt6+uN82pmWBkKjZ9ry/rSTMr66Gv2c1cP7x5iw7f4sKzj"
    "LqMFwkINMhy6vkLc9h2EbFaklLZlUTiu5H/+zidM4f0Lwh1iIcgRWqGV1eXdyOhle/pvTz"
    "dji6EDk9mbrIpL4aZHS2rAT8djl6D8Ql+OPm+iKrxmW50R+aaBP0GdUJnevQTEwWUWqEWk"
    "rrFvSY7nsr6T0ruwbNh01ui+J3RNERJpWadtEDna2k57Sk0nKbtRzNxeOF3szPyQmu0+Vp"
    "r4Kf9HBiaJc+bENks3IKWA6s8M7vZ4We4xKvPMjvqIvwhHxACwn1JW8MJEaR3xhSJb8l69"
    "pNcOPUeOZ04XxJbOT6F0eBPztigbcyvD0fvr3QSiaJNUD82UO76KLXRTc3LxbDK/rzGBqz"
    "OXRNPdWxRQ7t0UzKsmw+y+7Z2RRI4ERCJJ5FtDxiAn0Ts4sHJFuf5wnj3L1KrlCU09Gy4F"
    "N8YTnGT7NyX3LdNeE98LJfNCidrGxOIzbvDE8uCWvA52GS8xvDvtBe73wimvD6H71ev/+m"
    "d9AfnBwfvXlzfHJwwsvK9uaz3lTM12eXv1xej9KGi0ioZvliZdUlSWKJDjJ9gzo81KCchx"
    "rkeCjsNAE3KL0SsC2zyTdNPnG31dX5pEoKvKFyfNNS3cO5X4up7lcw1f08U20iBrHViOhL"
    "iLSD6RO3VUyfYvpaSg3UYfr4i5e6DV3XpMwz3NaWzXmdoQM6g2sL2YB2Yvs8MoA3Alx//v"
    "hRy08ML0cE7CiwyamwBNRtcQBses7/1QoZgDBvr9r/Z1MOQFisRrTQ4LWJJ5gBIQNsbqkh"
    "EzAKIAH8dcRHtvczoPwdKmN2ZmjBc8WyOMDiymFF8UFrqLEO94BE1bIH+y6fhuQDJxawHi"
    "g2Fd/QZr5hqcC6Hlus8e6xDf1aYS/9iriXfj7wJTEy8hhfEN/OvQ3SQUaxeJsR1x6Qi+8X"
    "uuwepyB5dUcc6Hn8PWrqfOJB7BSkr++IRSeYnAL5w68wmenQMKhPeNnkVXaeq+eB13LAK/"
    "zvrELFlNo4lCkl1GZFtoZQUk51OfTddarRo4N5bStoPS3ZQa3viJZrRVVAxpDtsAIOs9Tu"
    "S4o8bf2tS58Hm7X+eodHb45O+oOjpdG3TKmy9SK7LkW/rzJVqmCzHRkwsSfVUMMpQaXjNu"
    "vYgQuLwgJ3uHxdJyGi1nXWsq6TY063R0LdIs8LECrkoaLsvSepKC9RsgYb5SGX+2+vPT5x"
    "gFD0Z8CmCBiUzjACU8qfAEDgQmJSGzA6QwTMp9xLjXabCR4p3II2RS4qIqg2c5M6nJVccw"
    "5YpEQgbjOCSm1vW/f2Nqngxm51WkrtEVJe9TOg765XLTeWeIgPlRU3pSRkO6j5HdF0LSNS"
    "ESg/hJrV5qMfQcsqWFUFq+54sGrC26rrQiVE1Nau9gXJdQfYiig5P4y9Unu5qmK4EiP16U"
    "1yahviJrYhboeevEL2GLneFDtaATuZyN2rIiftdLm1bpP7shzCcb/7M8MFqpi0VsakudRa"
    "OVwqkm1ziI1G57wZp0D+3BFo2iL6Sf7ckWBMnILgN0uc1zHj1n92kyINy6HvLmmoLHdlub"
    "cVWGW5K8u9veC22XK/EaEDwzCeusB2T+VXWu9UxhYkQrPXbcA7Ln3AZjAMPX/8FzKYMuF3"
    "w4RPqq4uvZqUabP5vjK7uu6NCNGYaIBxQqSDEPeOj+u4PsfH5b6PyEuj/MI7pNq9QrCJDV"
    "LKuyxHX3mXyrtUTtDWnKDtmOgS9QLTPNJG1UcqHD1S/UZPnVPBslsNlt32ru0WhchuxCRR"
    "39pIrCbUW06oWk/I74mPNoA3jffOCXbPxt6cE6PLXfl4JVO7sAIVPNjm4MHlWDGmkExW0n"
    "pJFUrvbda78qfLZ9pu+dMN9iomtt4HH7Ir2Hp/Fkq++/AJWbDkVOHcJ/N2rAuU+Ybp4wni"
    "A7yfi1PqyPCdnBSroQr3bj4bptR+1i72qTjY7ZlYpaPrughVamXxmWhl1zO7gtcmCah4jb"
    "6AhUot4JdTUamYAcVFdZeLUlzJhrkSC5Z8D6LG4YGh7Mthrd27CDXswFKGV8b/3hHHpaeA"
    "/9FWwl9FvipfSvlSWzdOlC+lfCnlS3XSN7jx2Zg+XvH+BSeF/kG6QKWPQGVR3U6UrXE81V"
    "90LI4yn0IijzQXZ0ZxdfgIUG4CyUteBfGC72Lxa8jA3KUMAczEIefAoLaNGddy0bFU66v8"
    "jtyRES/v8k64ADbk7hD4+lVeSbPg69fgvKvhp//Iu2IzONBKgLMHPBoI8obJUh4HGbh0Dt"
    "gcG9xMegWB4YoT28eIzREiAJGgnaLh4mZc8Kco0ZNViJuIp6h9UFbcVqmaB4jlSFDHubc3"
    "7pbrWG/qkCVlOuiUHdZyyg4rnLLDvFMG3Umj729F5dtxSKO4304f0phUhXinNVNGLNEOde"
    "z8mZlJdYjZpOgdUD3/FL4Fdj84aSOEkIv4c3qsIcppqe6FzRz2TupM872T8mle5GWm+aTN"
    "kwO7mgDKynaQAtoRykdFTSimr/QYvaSL00TraUkVEdXmsa2+NrHmr03IM2GR6xZ95nCEHk"
    "swTUt1wQSpGiQXv4+qjevlGPl4c/1LVDxrcbfnQHrkYmOqFZ1FH+TsVW5Micu0JhTgR6Gk"
    "njnqy8mmB+RGiwx1vZCESAeppo2E7otB1QDhsHgH0d0IkcfvyAqPgS2njxIiL88fbedl1o"
    "2vq3z/P2YRM64="
)
