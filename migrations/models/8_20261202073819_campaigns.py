from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "dead_letter" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "job_name" VARCHAR(100) NOT NULL,
    "args" JSONB NOT NULL,
    "kwargs" JSONB NOT NULL,
    "error" TEXT NOT NULL,
    "attempts" INT NOT NULL,
    "workspace_id" UUID,
    "campaign_id" UUID,
    "created_at" TIMESTAMPTZ NOT NULL,
    "requeued_at" TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS "idx_dead_letter_campaig_11e68c" ON "dead_letter" ("campaign_id", "created_at");
COMMENT ON TABLE "dead_letter" IS 'A job that kept crashing: kept with its arguments and last error until requeued.';
        CREATE TABLE IF NOT EXISTS "campaign" (
    "id" UUID NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "subject" VARCHAR(300) NOT NULL,
    "preheader" VARCHAR(300) NOT NULL,
    "from_name" VARCHAR(200) NOT NULL,
    "from_email" VARCHAR(320),
    "reply_to" VARCHAR(320),
    "template_id" UUID,
    "template_version" INT,
    "thread_id" UUID,
    "content" JSONB NOT NULL,
    "audience" JSONB NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "status_reason" TEXT,
    "send_at" TIMESTAMPTZ,
    "timezone" VARCHAR(64),
    "total" INT NOT NULL,
    "expanded_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ,
    "finished_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "created_by_id" UUID REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "workspace_id" UUID NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_campaign_workspa_343288" ON "campaign" ("workspace_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_campaign_status_5512af" ON "campaign" ("status", "send_at");
COMMENT ON COLUMN "campaign"."status" IS 'draft: draft\nscheduled: scheduled\nsending: sending\npaused: paused\ncancelled: cancelled\nsent: sent\nfailed: failed';
        CREATE TABLE IF NOT EXISTS "campaign_event" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(40) NOT NULL,
    "actor_id" UUID,
    "data" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "campaign_id" UUID NOT NULL REFERENCES "campaign" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_campaign_ev_campaig_6fbca1" ON "campaign_event" ("campaign_id", "created_at");
COMMENT ON TABLE "campaign_event" IS 'The audit trail of a campaign: who changed what, and what the workers decided.';
        CREATE TABLE IF NOT EXISTS "campaign_recipient" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "email" VARCHAR(320) NOT NULL,
    "first_name" VARCHAR(200) NOT NULL,
    "last_name" VARCHAR(200) NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "attempts" INT NOT NULL,
    "last_error" TEXT,
    "smtp_code" INT,
    "message_id" VARCHAR(255) NOT NULL UNIQUE,
    "lease_until" TIMESTAMPTZ,
    "leased_by" VARCHAR(64),
    "next_attempt_at" TIMESTAMPTZ,
    "sent_at" TIMESTAMPTZ,
    "delivered_at" TIMESTAMPTZ,
    "opened_at" TIMESTAMPTZ,
    "clicked_at" TIMESTAMPTZ,
    "bounced_at" TIMESTAMPTZ,
    "unsubscribed_at" TIMESTAMPTZ,
    "failed_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "campaign_id" UUID NOT NULL REFERENCES "campaign" ("id") ON DELETE CASCADE,
    "contact_id" UUID NOT NULL REFERENCES "contact" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_campaign_re_campaig_eb5642" UNIQUE ("campaign_id", "contact_id")
);
CREATE INDEX IF NOT EXISTS "idx_campaign_re_campaig_a637c3" ON "campaign_recipient" ("campaign_id", "status", "id");
CREATE INDEX IF NOT EXISTS "idx_campaign_re_contact_976a8a" ON "campaign_recipient" ("contact_id");
COMMENT ON COLUMN "campaign_recipient"."status" IS 'queued: queued\nsending: sending\nsent: sent\nfailed: failed\nbounced: bounced';
COMMENT ON TABLE "campaign_recipient" IS 'One contact of one campaign. The row is the send''s state machine:';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "dead_letter";
        DROP TABLE IF EXISTS "campaign_event";
        DROP TABLE IF EXISTS "campaign_recipient";
        DROP TABLE IF EXISTS "campaign";"""


MODELS_STATE = (
    "eJztXW1z2za2/isYfdl0xvEkfmtWvXNnnMRt3TrxruO0Oxt1aIiELK4pgAVBO97e/vcLgK"
    "T4ThESKVEoZjKxROKA1HNAEOc5L/hjtCAO8oLDc9/9GT2PxuCPEYYLxD8UzhyAEfT99Lg4"
    "wODUk02h71oPcaNpwCi0GT88g16A+CEHBTZ1feYSLBqfgydCHwIf2gic/+MScMExCObkCQ"
    "OCbS4QMEKRA2AAPv14/vLo9OwAUGSTe+wG4oJg+gxcFgCfopn79VBc1CE2v6qL73vqP8Tu"
    "7yGyGLlHbI4ov8qX3/hhFzvoKwqSr/6DNXOR5+RQdB3RgTxusWdfHvv8+fL997KluPepZR"
    "MvXOC0tf/M5gQvm4eh6xwKGXHuHmFEIUNOBmAcel6siuRQdMf8AKMhWt6qkx5w0AyGnlDT"
    "6H9mIbaFdoC8kvjv5H/jW8s0s6yP17fWp4tbyxqVtCpuoaCI+JBNsBgRLmYCqD/+jPpNAZ"
    "FHR+IC7348v3lxfPaNhIAE7J7KkxKu0Z9SEDIYiUrQU5Tl3xLO7+aQVuOctC8gzW90HYyT"
    "AynI6dBP4EsA6gHS0QJ+tTyE79mcf3396lUDxr+c30iYeSuJM+HPavQMf4xPHUXnBN4pvt"
    "GzoIJwKtENxqvH8dYQPmoD8FE9vkclePkUZc1hMFcBOCujHcRnJy0gPjuphVicykMc2ET0"
    "UQL4p0/XH6sBTiUK8DquzcD/Ac8NWF+zRWZOnoaux1wcHIrr7WJaFgiJnhdB8LuXhfnFh/"
    "N/FTXw7ur6bXH+Fh28LajDpkhAZkFWVsl7foa5C1StlrxkUTWx6GHyYR+nc/4DnWvsPcdP"
    "YINqbi8/XHy6Pf/wj5x+3p/fXogzR/Loc+Hoi7OCzpadgF8vb38E4iv49/XHi6Ial+1u/z"
    "0S9wRDRixMnizoZCaL5GiCWk7rHgyYFQZr6b0o24Hm41seiuL3RNEJJo2apuiRPKyl57yk"
    "0fKQtZzMxdNnS83OKQl2afIMV8ErLZwU2qUNq4hsUc4Ay4EV1vnsodJyXOJVBvl7QpF7j3"
    "9GzxLqS34zENtVdmNMlfya7Ws/wU2PpjMnhU9LYqM0vjgK/LcjFlkr55/enb+/GNVMEh1A"
    "/DlA+2iit0W3NC9WwyvG8xTaD0+QOlZuYIsz5IgUjizblk8tjhbFIxDDewmR+C3izhMmMH"
    "RcdvGI5N2XecL07EEjVyjaWWjZcBVfWI/xalbuS2m4ZqwH3vbLCEojq3hGic17695fYqbA"
    "57m4ZDfGY2G41vm9uIWXfz86Oj7+9ujV8dmb05Nvvz198+oNbyvvt3zq24b5+u3lD5cfb/"
    "MLF3GgmeVLldWWJEklNGT6ztrwUGf1PNRZiYdyfRVwo9ZrATuwNXnf5BM3W6nFJ1VcYQ3V"
    "45uX0g/n41ZM9XEDU31cZqodxKDrKRF9GZFhMH3isobpM0zfQKmBNkwff/ESqmi6ZmU2MF"
    "sHNudpQwdog+sA2YBhYrsZGcBvAnz8fHU1Kk8M2yMC9hTY7FRYA+quOAA2f8c/jioZgPjc"
    "QbP9z+YcgLhZi2ihs5eOe+8yIGTAgq/UkAMYARAD/jriT3bwHSD8HSpjdh7QMz8r3OLAFd"
    "98VhUf1EGPbbgHJLqWIzikfBqSPzjjwHokrmP4hiHzDUsFtrXYUo3rxzYctwp7OW6Iezku"
    "B75knowyxhc4XJTeBvkgo1R8yIiPHhF1Z8+WHB5jkP02wT4MAv4edSw+8SA2BvnvE+yRex"
    "ePgfzDv7n4wYK2TULM22a/Fee5dhZ4KwO8wf4uKlRMqcqhTDmhIStyMISSMarrodfXqEZf"
    "fZf3tobW85Iaan1PtNwqqgIyhhY+q+Awa9d9WZHVq7+u9Pmq39Xf0euTb0/eHJ+dLBd9yy"
    "NNa71kXZej39eZKk2w2Z48MKklpajhnKDR8ZB17MNnj8AKc7jer5MRMX6dTvw6JeZ0dyTU"
    "JxQEEUKVPFRy+mAlFRVkWrZgowJEuf32MuATB4hFvwNsjoBNyIOLwJzwXwAgoBA7ZAEYeU"
    "AYPM25lZpkmwkeKU5BmyOKqgiqfi7ShrOSPueIRcoE4qoRVCa9rev0NqlgZbM6L2VyhIxV"
    "vQH0+lrVMrEkQPxRWTMpJSOroeb3RNOtFpGGQPlLqNkkH/0VtGyCVU2w6p4Hq2asrbYmVE"
    "bEpHYNL0hOH2AbouTCOPbK5HI1xXBlntTVSXImDbGPNMTd0JMf0GKKaDB3/VEFO5k5e9BE"
    "Ti7y7TpNk/uyfITTcfdbgQs0MWmDjEmjxFs7XCqRHXKIzYg88dsYA/lngqGzENFP8s8ER8"
    "/EGER/i8R5m2Vc97WbDGlYD72+pKFZuZuV+1CBNSt3s3IfLrhDXrlfi9CB8zieumLtnjvf"
    "uHonMrYgE5rd9QLep+TRdaLHMAin/0E2M0v4/VjCZ1XXll7Nygx5+b42u9p1IkLyTChgnB"
    "HREOKj09M2ps/pab3tI87lUd5yhtSwPQR9JEgZ67IefWNdGuvSGEE7M4J2s0SXqFcszRNt"
    "NG1S4VuJ6nutOmeCZXcaLLvrrO0Bhcj2siQxe21kvAnt3AlN/oRyTnySAK4a710S1G+N3Z"
    "8RY8msfHetpXZlByZ4cMjBg8tnxZ5DfL+W1mu6MHofst6NPV0/0+plTyvkKmZS76ON7CpS"
    "79/Gkt//fIM8WFNVuLRl3p4NgTrbMF+eIC3gvSlOuZLhezkpNkMV525uDFMun1XHMZUGu2"
    "2IVT66Tkeocp7FDdEq+jN1xMuGCx+695s+hO/ibjSdqfgalllsLpYAmwLFe7qVHWk7oghm"
    "0GaWu/AJ3fQRvJSd/ESmuqLFrSS08UJB9KHpkycKN/HfX7U3pQpEF4KDuI370hwqQbV0sK"
    "5K0Pol6k0j0Pp0wKQxahVemFwAW70rJhczZ3wx+vpijK+gZ1+BB2v2Q2pRPDeW3R7WoxlF"
    "SHEASxneGf9/gn1KxoD/N1oL/64zPwLEfyu1VMd4QWyL8Pc1d2xjoPN5B3pWXJ9dyStWkt"
    "QO8devWkEumtViHp00wWeGLDdkuSHLDVk+YKAMWd4aqu2Tv/sJU8RobopS1IuuIEHXoojf"
    "brDxTH55E/WjK1LGmaDuTBC1qLt5/q56rGo9FLSM66UNWq6D+E9kCNvPfOqyCd30cbxMO7"
    "yR/emK3DadVnsJkPFaNULVpwNmuRit8L9kF6r17hc726pP78uXUrZ/hhjibb+MAgZZKO9O"
    "0KKm1vwao8+4bLqDdAtMtklM30ZlVZ+iObcaVIssZIS08xL0gvOMkoWyBywnpB3OvcwaEj"
    "LlzMa8lH7pYL3kN1Lke898VaMCdFbGwNwK5mUwl9qyriC2wfpuYJBvspqrD5ErQ1tb5KlK"
    "dK29JAcGbNe7SUbEpuqwzQqZQVvcNBqzyu0G6vf2y4iYvf1kCMGme/sVvdYIV5U0rNdIVs"
    "aopHOVpETJOrF+qfQWl9sOhTOmiH8kNAbyzwQH9hw5oYecMVh+5EcRdrhu+LHowwT7UGzW"
    "OwbR3wm2BQqelFt+lHJMCvGeZ3xRLE5Hf0drrfM7DyiUWrL4myKoenPfoq81r+6SoA5r0K"
    "aQqot/3TY/YcuIqqvrjz8kzYuPXTmcc41Qt4yYSf0fcuq/0MB/CVZiKrIyOjxTfe8dxQiD"
    "FQxFvc2RtDeb1hfNDPTVh3i9bc0LomZaGvK0xN/ddL0g67yk0fKQtTxzsRvM11JzQdToec"
    "h6NikT9S9IvVImcvV6fWdNrecljdaHovWKh70cjBg/sdNnRTK4JGgIYbMdUG/AlnK7zN41"
    "/e5dUz1HdABxy4rjw5wSVoJbmhVz6PK7AB8/X1011R3PGM8dJNwlsZRtc+72ZVAXgh1s13"
    "e7A+sm6U8nwLYRzRuNsoaQ3uUwXB3XG+WbyrarontHt3MEZJIqEL/ZA2QGIEg6GoOnOQFx"
    "fVv+GbIDAHH0CTAuKSZERAPgcLU7yDks+lF66L5N1PESiHLQsVJ0sdkTS5zbxp5YD/zHqx"
    "DzSXsN42FP2vgVT+r9iiclvyKfAIjqfjJZGWOe5PEUo7iMZX1oRNLehEU0O23XCIswfFv9"
    "rLKfzEsbvq3wfm/Nu+TFDDvQzA5k08Q2tFw1LKBwUDRf84NrSHtmlY2zBjsjZ8G1sDVorv"
    "1Ke+MaIxBncQtjgIivcVeHQFgLlDwBN5DLfxFa87cAiOgmBBbQnrsYjUsmxsY9TjAfaCG3"
    "QCbh0eu/HyVRZeCF7UE+9TsH4Mllc263eAgG6JtMM/H6jgLI+Icp4a/aeiPlS+55im+4tG"
    "VvyXZJI/f4d5kyucyBd4w1M1BrZtdbkO165dF/9sjMpQFTTzzLSZnMszaZZx5cA+ickMG5"
    "VV7w/gV4R69NRcxjqTGI/lZFc9fHaU9w/JYdJ6/b4nJgN5HbkInsqSoSvfaNmxUx0Y/F6E"
    "c5gSBKSUUCd30cfF5Kh4DdrQfBL5jPAXUqZvvakZyTMRmD5cG8QEHALbNKtqL+HZqX0m5v"
    "2l628pQWmhViVrX8buYDC6ImzHI4kVdlAlAqqzqqomFRmhXS4eXQdzYH5i9aK16nrMGwV4"
    "ibp2rIT5VYca+XAWf0uw/6dZDnPiK6lrusKGs0PWRNE59Dv46ac4JGx0PWse259sN6ru+c"
    "pNHykLUc01xraDkvabQ8ZC2HOAinAoXpellEZXGj7yHrO2Kz10kGzQoaHQ9ZxyY0rVbNJj"
    "StpHITmrayRFwc9KKCak7KgGri/bYc71cxhLtAV7uNlkrg5h7cQcVSxthXRVCmammIm8w0"
    "6nTrhS/5bN4ooqwcXtiwIcNBGmNYbBWHl/wmxnMKFP9V9/KgqDhEk+37YgRjcOIbTkbwD5"
    "cyBwB95b9cfI/UaLZ72Nl2DyZU0YQq5sZ0X8PXhCpqg/Mehiqm/Jgi7hnJMUg/T3CWcxuD"
    "7LdykOIE20QUV3exrEi7/DxaS6M9BC/y+w4rN/NqqPeckzKpjTl+oovURrm4KinknFL4XK"
    "2RRKCgi20rQVxvF0oQAY5ffivzBjI8ISAhrSpzU/9eKEtucbri5kcYFUbdQtxQmwnlrH5C"
    "OStNKAl0azCfOUnDbw+a3451Fe0ervpYRVImCm91FF6CGONGcxnp+mD4opwOWG87HN74cO"
    "qHvb4+HFPOUzetV7zQSqXQTNFJU3RyiL6QdkUn670hFb5pU/VPsUxiJ/UkI8+P1uUkhe1v"
    "LdBiimgwd/0NEbvivX1YdqYTZn16KN/zN/QVYky6BUtOyszZgyY/pSO2K/TShisLu5yD/5"
    "ApYKJ04wPyGbAp5FoTed3yqyyh4rIAQHofLsTTJEs9CvYdyIxdIFPvAEVRXni5lGQfFzDF"
    "JHUsv8LHibIbKCujoWfzdSs/0OsGP9Drsh+IP2lqLgNaSVDvyFmwK566F2eBeG+oKSOVGI"
    "Y6tPLdKFeu2KxoxdDmnm3TdKb8SscVKwbAhewP86wSxrzr6HA9UTUsvWZ8bRuWPjHk1lB7"
    "QdT4mYdDy0d6LtHHuwn2Pr+8ESMlqAz3Tk8eNBEp0LVopl27ArnQ8wAjAALZodwn44D/59"
    "pz4FPy6DqISnZDnj4Ac/LEuwtY9GkR2vPok8sAwpX7cvR2lTaMSkMMuqFUhkmpsLl4kSgu"
    "W3JCZtHSvihcPaSNReH+8pgms5YK8ZeV0cL4LqQ0tMpoaEhoKLF+8m2ggvBSQEN4e+FV/Z"
    "Dyga5EX2dEthimSpHvPffF2fU9jj2OBrafrYUKbZQXMsVOy9QRYzOmhmlGwgBaBtTFfsj4"
    "gvoBYRVUi2KG5CwCS0K2FrIlOQNtEVqbr9OsMKhY2r5HtruAXl3IcipWJGUiucNYft8Abk"
    "Dv/cW7yw/nVy9eHx1Ei9zgd8+Noruyu/2Vxq5N1DzcGRENF2Ldp8VJl5xlezCoSXVs8OSl"
    "YjpE3W9hyWso/Hr09aXwB+BmHJq2Tci1BiHXvRagmUP2IWIBR1VFaDKnDxoL0fCG1iLTst"
    "NqNCXOP8cFr034m/ovXdd/ocSrWUWuruSQyA55OTkKA0THQPw/wXxN5orfwsZg+bHoGtvN"
    "YlOUhYrzAhTyOxMRDcqWbDtkbA9rmMi6IeIlpPgE+MkGa/5ygzXGJ+BFtOla8jGuUcL7jy"
    "uU8E/l7ddElP2cIzMGyadhPD8B+l2BwYlbG96myNtwYCwymwWoKpayPpa4IDaMgGKt4rtj"
    "VqFyY7aVXET11mwaUBHdly7ZcuD2wNDd9kt4J/76gWGumbt+0Oj2462PB6TlMrRQ3OOxSl"
    "Y/2HspQmgY43r09WWMTWkW3bReEQNeKiuw0+jToem5Fw9BBFYH7gHBP98uO9tPaFf6B3JD"
    "a2jOgRj9Gt9AqpsVroF0RPTsGSg6WzITtXEO7NY5wFxW5x2omXMTgSG7BIa0ihVEshLCS4"
    "EtEs9T6qKZAGorOHdvAkvMrEdEg7jcUFuauCi3PcL4dV9Qd0wYOxTOKpbi9VTxUmAjknhg"
    "5u622WCfErGneu2IbiQcCpL60Q0nbSaQk/oJpBxtuaRp+HUFdMu6Zco8T7ED/dDvfvpegs"
    "efCF8UNV6XZCvI64e9IdoM5ZJrZ4g2o3UVoi15YqfPqhVqioKGcBteSSV9gDWxzluOda6e"
    "JDqA+HOA9pEaaotuaV5cv3p3HKu9aRXqfHy4JrD3WlA5V7i7ilYvFPZeufmrhZZNW5UD8l"
    "z+H5kBCOIO/hYAsXYSx78DIiWdghkfZyGfJMGLAGEnOADER5j/OTw8/AbwO+IHwRxRVF0K"
    "qPMrtCqsnNvk1xQBGnwRoAf+41UM76S9hs6A7jkmgboSkRq3H0awrVbVew3jUf8U7Kft24"
    "bxyL+OWhu+OSljnDUbZzFaHdgN79Ke9hPY1aZDbmQNKsokujOxPUvDevjKXVUaM/mFycuq"
    "20CTL3kqQN7kb4VFqIkv2Wl8ieomHRpv0GFcN2Yh09FCxjDNhmke4oKmu40MzQ5zOyVELx"
    "c+oewnMq1a/aUnW639XNm8PRf67tMvIJL5DtgkTLZ5u7uj5CmwHILR3R2AFIkc9oXLuCKj"
    "neEQtOdgCpkoWh6Imuf8MWeQCkUXgO7pMhMstq/jX8MF4p3NBKXKl6rRBnVpL1J2+5XUzd"
    "q267XtzPWQ5UO+uFNY4OaENFzlvn7VNgOzMQWzXA6Ruvcuhp7ytn8lQQ1KqeQhP22F+GkD"
    "4KfVYet7Vj0l2vFFEfNYagyivxNMQ4xl3ZT4Q1o1xUnLpjjFuinFV0w7g7DrGilyc161yT"
    "8jYvYaKPhrQt9zbZEg4BP+oSIWot3DUNXPFh+L4CFa96o8FEJmDMT/ExxF+41B9HeCZT2M"
    "MViWxVB/Q7R6PzS8HUoFEPgiNE5eaetby4gY91rn7jVGGH/hioV0WSf1ReJzQqZyU6lKvD"
    "RWUMXsXh8ckRExgBYBjcOYFfDMSBg4S5XF+NvCV4IzI2HgLMKZritbopkKGDCLYC45HQU8"
    "czIG0iKkpo5anTOpjzpqFIk3uTLbVBDTAfnt0E3Gr1qvAH39qiYlTjetJxiZlDiTErfvwJ"
    "pABZMStxfobpwS12doQyEgpCK+oRwyUh/kIN0ni3zjjmNcizG0SYR1MdI1l25lEqyGmWBl"
    "7ArdVpgm8WRHa8vsvLgmst04v/WBd3Vez/It1E1yz1WPXtYhLITK46zFStNkUGmQQXXpoI"
    "VP5FbyN8gmNL8Iq23UuNh00+YWTduvjKq9nSMAcfAk4lGJDEmduTRggCKubP5XxrVCsDSK"
    "/haAu7vMvb3kQ+7uDhDM/yFAScgqigz0cZEJnuBfqQibxcDFstOAI8iHAr8SjCIoYCCPi3"
    "6BKy4ncAni2NwH9AzcAGD0yG8rYPwBcsCM0AmWzdkccgHieTIq1344kBHA8lQkEQXtBvLe"
    "+Q0B8Zl3WRe8W8hHk79BfOAim+WlmfX5ttbnS5219rAkAhrG8vaSsSYeBgV84+YG3Xboxr"
    "OtNYeBoqMwL6ch3mcnLeA+O6nfSuykOka6Zs+2xprTGantRRb0P3l3F68R13Etw1of0pmV"
    "2X5M527sOVMcxXBUuXbrc1Toq+/y3tbQel5yO1rf5sp0T5Rc4eoua9k4ZI1DdohEzqaZ43"
    "1SOdchm5KvSUnNChon3+CgicIhsqm1yLRdSd+cA5FXzAiYC3oiJldkuhogfODIr1lGRNIa"
    "T5QwJAgRvqJPk4/LtE2XnQu6RtBAFHnwGSwgV6nIpxbf5KLg7u472d/5zT/lVV1HkDOBBE"
    "cSNrIpv7GU6aHkCbAn10YT/AICm3LzBEwRe0IIA4Sj+xQ3Li7GBb9JDkakkLiI+BWts63T"
    "e5WqeYSufLBMycrhMjZcx8o5wVkZDS3dXjbBhfReacf4pP0w0uu02ipevNPUlJFKDEMdWm"
    "U7itlEbb+aVKKb2We3r4HtsZpqKOelNMx9OHrTZpo/elM/zYtzhWk+u+Ypgd1MBBRlNSSA"
    "dOICDM9X/6Dpy/PlTRwVreclO9D6wGbXPVFyq2cbcoN84TOV+gtZEZPuWvRIiSJulnLOa1"
    "5KhyXINhJfS7zqbni/8yBAleWvoxMHTTwfXDZZTe9h4C74HSTxSWxOSXg/lwTW3d0nfpCf"
    "FLUIHeiLkoKC7goQfRShTJQsAAkpIE8YfL65qqD3Ou7clCzc65KFAddnlU+iZVW3pfSQSb"
    "NR6HsEOqJglfg7wSH1+BfqTTB0xwC6xYekHaXWddEqEbqKMIswrFRIfex6Vm7IqhgSfxm4"
    "/1WK0ombm/CcqlI/c3h0eqYyalMJDcdrH5Fl8sVsKQZLFsQ0hPq41dRw3DA1HJvasrvGO1"
    "pHWPyVrGJL5aWMLaVeRMjnK3q/gvapxzyVMHir420I1vpZRl+CdRDlZPbnyTPVZEzw4rDB"
    "1aSazDCnhA2LyfC7AB8/X13tKjb0YgFd7xYtfLGD9qiCK843OGjijJFoarFs2xaxoUn778"
    "Dd3XIg3t3JtFd+ryLdVbK9IkISMd7URsCGDHrkvioadJPukvjPmKICnvuIApG4O7Y9GATj"
    "uwSHXxAN+A+4E+GdgbjSY3xAXkd0j0NRUkdsWM6/TbAdUip6FKnBgqJ2SMhBC5LkX8LxWL"
    "gBc+2X/NpRY/sZMPKAMHhxd3c5e/lB7Lpzd/fN2ix2psKfYbF3zGJ7YUWx/wZaJG7fiQ0z"
    "oFirXnhSs2Nnv7Fs2TsrwVxviRfENCCatm6Nc2DuCVUiVLMyGkCeH94nbUb3Sf3gPimNbT"
    "ewfErKAL8lxEMQ17wFl0IFhKdcqi+Il0e2O7DfXl9f5Qb228viyP384e0Fn7Ql6ryRG61z"
    "K3ww+7dBl0PhjCmO7UhoDOSfCfb5us8N5mLjreXH4iq23dTeamZX2HsrXsIquBgzEtvzMr"
    "7ua2rp2sUYsf2JOaLI+FRLGz7N8NOGnzZF7nXTekVEcKnI/fJtuYbei7Im9Hs4ii4/3xE5"
    "uo6e85JGy0PWsvEy9rUqGoCXURtcB+hkHCa2xse43z7GEg9Qwcy8jSW///kGcau02vSP8S"
    "54yvZwLV2H/Z99umOLsFU4ZCuQbeuStTKMzWrX7DUWNWxEJo0g25DwZcKMezWqMBybVIfg"
    "BongXVH75om6TLg2eYsnEF+x7KntvPfKesZZZ3TkkjWFjPejLE6srZIGauFPBUzKQwUfad"
    "yi/bpFAySDEpSq2mRlTMXXDSrY8Am/anTXI78UMOWEOlcGRVGuriUScBUm8JLcWvP4wFbw"
    "XU/jxuVRD/V+kt8mJH+XZNma/tnuHLNDe4p64cqyZtiGRE4pHnk/8V1J6RRGmKHLBkWX9V"
    "q2BVHXno+q6rZEZw4aC7ekbTrdx3UT1uSvQplsuMqrJ0NqY7Pq7ff64CwtTPjT0zYm/Olp"
    "vQkvzhVKR/q+CsJxcw3R7SUuP06qUbHSMyKGHlG0yHdag+zP/weZMStb"
)
