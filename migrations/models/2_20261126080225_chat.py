from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "ai_request" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "thread_id" UUID,
    "message_id" UUID,
    "provider" VARCHAR(30) NOT NULL,
    "model" VARCHAR(100) NOT NULL,
    "purpose" VARCHAR(30) NOT NULL,
    "latency_ms" INT,
    "ttft_ms" INT,
    "input_tokens" INT NOT NULL,
    "output_tokens" INT NOT NULL,
    "cost_usd" DECIMAL(12,6) NOT NULL,
    "outcome" VARCHAR(20) NOT NULL,
    "error_class" VARCHAR(100),
    "created_at" TIMESTAMPTZ NOT NULL,
    "workspace_id" UUID NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_ai_request_workspa_dc7052" ON "ai_request" ("workspace_id", "created_at");
COMMENT ON TABLE "ai_request" IS 'One call to a model: who, which provider and model, how fast, how much, how it ended.';
        CREATE TABLE IF NOT EXISTS "chat_thread" (
    "id" UUID NOT NULL PRIMARY KEY,
    "title" VARCHAR(200) NOT NULL,
    "state" VARCHAR(30) NOT NULL,
    "state_version" INT NOT NULL,
    "draft" JSONB,
    "prompt_version" VARCHAR(40),
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "created_by_id" UUID NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    "workspace_id" UUID NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_chat_thread_workspa_e8d63d" ON "chat_thread" ("workspace_id", "updated_at");
        CREATE TABLE IF NOT EXISTS "chat_message" (
    "id" UUID NOT NULL PRIMARY KEY,
    "role" VARCHAR(20) NOT NULL,
    "content" TEXT NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "seq" INT NOT NULL,
    "seq_offsets" JSONB NOT NULL,
    "error_code" VARCHAR(60),
    "error" TEXT,
    "provider" VARCHAR(30),
    "model" VARCHAR(100),
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "thread_id" UUID NOT NULL REFERENCES "chat_thread" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_chat_messag_thread__e7bc15" ON "chat_message" ("thread_id", "created_at");
COMMENT ON COLUMN "chat_message"."role" IS 'user: user\nassistant: assistant';
COMMENT ON COLUMN "chat_message"."status" IS 'pending: pending\nstreaming: streaming\ncomplete: complete\nfailed: failed\nwithheld: withheld';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "chat_thread";
        DROP TABLE IF EXISTS "chat_message";
        DROP TABLE IF EXISTS "ai_request";"""


MODELS_STATE = (
    "eJztXW2T0zgS/iuqfGKrAsVkZgIXrq4qwLDMATN7EG63lmwZxVZi7TiSsWVCiuO/nyTb8b"
    "vHTuLEMfqSxJJadp6W5O5HLel7b0kNZLmPxjZ+g9a9EfjeI3CJ+I9UTh/0oG1H6SKBwZkl"
    "i0Iba3dBoZnLHKgznjyHlot4koFc3cE2w5SIwmOwos6da0MdgfFv14ALjoBr0hUBlOhcwG"
    "XUQQaALvjwevxwcDnsAwfpdEGwK24IZmuAmQtsB83xt0fipgbV+V0xWTRUv0fwFw9pjC4Q"
    "M5HD7/LpL56MiYG+ITe8tO+0OUaWkUARG6ICma6xtS3TPn68fvlKlhTPPtN0anlLEpW218"
    "ykZFPc87DxSMiIvAUiyIEMGTGAiWdZgSrCJP+JeQJzPLR5VCNKMNAcepZQU++fc4/oQjtA"
    "3kl8XPwreLRYMU27uZ1oH64mmtbLaFU8QkoRQZJOiWgRmDAB1Pcffr0RIDK1J27w4vX4/Y"
    "Pz4S8SAuqyhSMzJVy9H1IQMuiLStAjlOV3BucXJnTycQ7Lp5DmD7oNxmFCBHLU9EP4QoAa"
    "gLS3hN80C5EFM/nl2ePHJRj/d/xewsxLSZwp76t+H74JsgZ+nsA7wtfvC3UQjiT2g/H97f"
    "hgCA+qADwoxneQgZcPUZoJXbMOwHGZzkE8vKgA8fCiEGKRlYTY1amoIwPwvz/c3uQDHEmk"
    "4DWwzsD/gIVd1tRoERuTZx62GCbuI3G/YwzLAiFR89J1v1hxmB+8G/+R1sCLt7fP0+O3qO"
    "B5Sh26gwRkGmRZlbzkOQwvUb5akpJp1QSij8Ifpzic8z9o3BJrHfTAEtVMrt9dfZiM3/2W"
    "0M/L8eRK5Axk6jqV+mCY0tmmEvD79eQ1EJfgz9ubq7QaN+Umf/bEM0GPUY3QlQaN2GARpo"
    "aoJbRuQZdpnruV3tOye9B88MhtUfyJKDrEpFTTDvpK77bSc1JSabnNWg7H4tlaq+fnZAT3"
    "6fK0V8H3ejgRtBsftiayaTkFLAdWeOfzu1zPcYNXFuRX1EF4Qd6gtYT6mj8MJHqe3xhQJb"
    "/H6zpNcKPUaOR04GpDbGTaF0eB/3fEfG9l/OHF+OVVr2CQ2APEH110ii56VXQz42I+vKI9"
    "z6B+t4KOoSUatsihA5pK2ZTNZi0Hy3QKJHAhIRL/RTx5yAR6BmZXX5F8+ixPGOX2S7lCUU"
    "5Dm4L38YXFGN/Pyn3KNNeY98DLfupB6WSlc2qxec/x4pqwGnweJhm/MWgL7fXOF+IRHv5j"
    "MDg/fzJ4fD58ennx5Mnl08dPeVn5vNmsJyXj9fPrX69vJknDRSSUs3yRsqqSJJFEB5m+YR"
    "UealjMQw0zPBS264Drl94K2JbZ5E2TT9xtdTQ+qJIcb6gY36RU93A+r8RUn5cw1edZptpA"
    "DGKrFtEXE2kH0yduq5g+xfS1lBqowvTxFy91arqucZkd3NaWjXmdoQM6g2sL2YB2YrsbGc"
    "AfAtx8fPu2lx0YDkcEnCiw8aGwANRjcQDMfMF/9nIZgCCvX+7/M5MDEBSrEC00fGjgBWZA"
    "yIAlt9SQARgFkAD+OuI9230GKH+HypidO7TmuWJaHGBxZbO8+KA91FiFe0CiatmCPYcPQ/"
    "IPxyawvlJsKL6hzXzDRoFVPbZI491jG84rhb2cl8S9nGcDX2I9I4vxFfGWmbdBMsgoEm8z"
    "4r2vyMHztSabxwjEr6bEhq7L36OGxgcexEYgeT0lFl1gMgLyi19hcqdBXace4WXjV+lxrp"
    "oHXskBL/G/0woVQ2rtUKaEUJsV2RpCSTnVxdB316lG32zMa9tC60nJDmr9RLRcKaoCMoaW"
    "NsvhMAvtvrjI/dbfvvT5uFnrb3B28eTi6fnwYmP0bVLKbL3QrkvQ79sMlSrY7EQ6TORJ1d"
    "RwQlDpuM06tuHaojDHHS6e14mJqHmdvczrZJjT45FQH5Dr+gjl8lBhdv9eKsqNlazARrnI"
    "4f7bQ5cPHCAQfQaYiYBO6R1GwKT8HwAIHEgMugSM3iECVib3UsPVZoJHCpagmchBeQRVMz"
    "epwlnJOWefRYoF4tYjqNTytn0vb5MKru1WJ6XUGiHlVe8AfXe9armwxEW8q2y5KCUm20HN"
    "n4imKxmRikD5KdSsFh/9DFpWwaoqWPXEg1Vj3lZVFyomopZ2tS9IrjvAlkTJeUHslVrLVR"
    "bDFeup9y+SU8sQm1iGeBx68h1azpDjmtju5bCTsdx+GTm5TJbb6zK5T5suHLW7v1JcoIpJ"
    "a2VMmkOtrcOlQtk2h9j06Io/xgjIrymBxlJEP8mvKfH7xAj432nivIoZt/+9mxRpWAx9d0"
    "lDZbkry72twCrLXVnu7QW3zZb7rQgdGAfx1Dm2eyK/1HqnMrYgFpq9bwPeduhXbPjd0PVm"
    "fyOdKRP+NEz4uOqq0qtxmTab71uzq/teiBD2iRoYx0Q6CPHg8rKK63N5Wez7iLwkygdeId"
    "XuGYImFkgp77IYfeVdKu9SOUFHc4KOY6JL1HNM81AbZYdU2Fqo+kZ3nVPBskcNlj32qu0W"
    "hcg2YpKoszZiswnVphPK5hOya+LDBeB1470zgt2zsZtzYjS5Kh9vZWrnVqCCB9scPLjpK7"
    "oJyWIrrRdUofTeZr0rf7p4pO2WP11jrWJs6b1/kF3O0vvngeSrN++RBQt2Fc4cmXdiTaDI"
    "N0xuTxBt4L0rToktw09yUCyHKli7uTNMifWsXWxTUbDbjlglo+u6CFViZnFHtNLzmV3Ei1"
    "tnTGOmeLntiBb3vNhEVtQlrJok66J4hhzGLhHsUEzbJeIrFG/XXd5O8UoN80oWLDg7o8JG"
    "i4Hs4bDuzR2EajZgKcMr459TYjt0BPhHbyv8VZSw8juV33l040T5ncrvVH5nK6CCWHMQf1"
    "x35953/d6vp6tIKY/zeB5n1LjyNoaLt7ySQJFNS6/kcvZuCQI6tCx5hgCQFY7Ebmx9/oF1"
    "E4SxuwASw8/uA5OueHUu838tPd30f2EGEFeXkd0VrrG77HqMoooyb2WUuT8A1YwiTAips4"
    "J+pIwF1+WjTk1Ik1IK0xQpodZCNL8WQr4N6iC8EeggvGeVuLWzEm7tLIdbKzvHpKAVH+Ps"
    "kp6DbGvdFC/cdDvm5jIi+lpb1tkaPym01eb4LRt59709PmNzVg/TmIQCNAsoJrbHPUCx/W"
    "4dVNNi6iCHNLDUY1shm5FT0Kah1bmdpnlujmn7Eul4Ca2C2YmYWHpuwpd7FMifGsAl6L28"
    "enH9bvz2wdmg7xu57hcL+6tjwvfaReblxdugTuvNcMZEOmiI7X+SDTkOdTTdgm7O4FCy/i"
    "Mp1r2o+UZMXjWjWYx+t2Y01UY9P89B1C0F96R3lRGzOO98FrCXMysRz+6XzUvIeaVlrGST"
    "wXCfklzw1oS/ipPbd5xc53eAFIu0R0B8Tgm3ybD4L2wENj/TU2NHiuiihOXukT5B3wrc0J"
    "jIASm/I7TuydUfk4RBkzlwbGPUvL29+TUsnj6FLLWjD4PMKzDs72/5kfQBoefemy1fQjV7"
    "gI2IwaEfgeDHVACP4FKmbX5OSVj/CIS/pmQuz7MXjyO+p2SFmWlyZEYg/NWO/uOiLzUYnK"
    "C04m3SvA0HRqPzuYvywnKKz0ZMibXjfERxv5M+HzGHjOBm3BZcRCDVPSpiWGUcGRaPI8N8"
    "0qfOW3gj0AV0D/0SPsp8fcsw79h0favRVdSloi4T5XbYVM82ttR6UlJpvS1aDzGKqT0TjH"
    "3UMMi26bkRqpptAtR35Kk7Ge3eTxHViabVNpY6QL+ApI50cw9HHbWIhinqNOsfG6gVS31c"
    "lpphVkRTF4y5oUCbuemtQx0aWM8tGM1aCG8EDsiAzhyM5gKog+DcwDbyAjOxtV+4CrIqX5"
    "mWOxxzedYU1HtmLg0HznNM8WLOciOwE1vZMnf30LSk7dClzYpbdCmNk5LsHt1wUWUAuSge"
    "QLJhf4prKIb+NL1OxTX8jFqvwjWEPXa2rsk3ZAQV56AOCFRxh8cHd09xh/mDxB4g7vgZJJ"
    "lxsS5hllm8vYcNOWKxmh2BvdEdOW49NqPfSuJfkwX6pacqyqK1YmB7Y/A3nYlNM0yxMQb/"
    "ZiYCXB0eApT3LXnJqyAu9Bk3xlUMVg5lSGyTYUJXxFYtMWN5m3Lss/IpmZIJL+/wVrgGS8"
    "gHFvD5s7yS9uDnz89kfeP3/5F3xQbALnAlOH3gUl+QP5gs5XKQgUNXgK2wjqbkAQS6A10T"
    "zBBbIUQAIv5zyu1C+M244C9hoiurEDcR/6LyLiHRs0rVfIVY9gS1S0h7dwnhOtbqbrwZl+"
    "kgWdtIyAF0FrXi88LyKjBv7wyYeKfVU0Yk0Q51iNt2Rh1iNMl7B5SPP7lvgS1HnxYd2NXI"
    "RFGwmVlNlJNS3aN6zwZPqwzzg6fFw7zISw3zcZsnA3Y585eW7SD3d7pcX5biVcR+cUc7TY"
    "q3CrGfdHHqaD0pqU4Ja3PfhtwhX9p5K2oK3dK4iFqllJ7rtyC3JGqv1EhKdcEEOcRyjQy7"
    "f5x4wjFysG728rbh9XP6pXvwRmVac+TLz0JJ7djri8mmLYJOdo02aZ1p1PxxtqJT1UA4KN"
    "5BdJtZO1S07L+YPipe9n8A/ujEQ9eO+jL78X9xYxD2"
)
