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
    "idempotency_key" VARCHAR(200),
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "created_by_id" UUID REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "workspace_id" UUID NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_campaign_workspa_54c8e1" UNIQUE ("workspace_id", "idempotency_key")
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
    "yR/emK3DadVnsJkPFaNULVpwNmuRit8L9kF6r17hc726rjvPScayc7AT1wI7+YoP6lVA0g"
    "Qxzxtl9GAYMslHcvaFNTi36N0WlcOt1BugWm2ySub6Pyqk/RnFsVqkUYMkLaeRF6wXlGyU"
    "LZQ5YT0g7nXmYNCZly5mNeSr90sV7yHynyvWe+6lEBOitjYG4F8zLYS21ZVxDbYH03MMg3"
    "Wc3Vh9CVoa0tAlUlutZekwMDtuvdJiPiU3XYZoXMoC1uKo1Z5XYE9Xv/ZUTM3n+i5433/i"
    "t6tRGuKnlYr5GsjFFJ5ypJiZJ1YgFT6S0utx0KZ0wR/0hoDOSfCQ7sOXJCDzljsPzIjyLs"
    "cN3wY9GHCfah2Mx3DKK/E2wLFDwpt/wo5ZgU4j3P+KJYnI7+jtZa53cecCi1ZPE3RVD15r"
    "5FX2te3SVBHdagTSFXF/+6bX7ClhFXV9cff0iaFx+7crjnGqFwGTFTGmDIpQGEBv5LsBJT"
    "kZXR4Znqe28pRhisYCjqbY6kvdnUvmhmoK8+xOtte14QNdPSkKcl/u6m6wVh5yWNloes5Z"
    "mL3WC+lpoLokbPQ9Zz0SOusNaoENVvydGLc8TksdSjr1ceS66Isu+sqfW8pNH6ULReMcOW"
    "I0TjJ3b6rMjAlwQNC2/2aOoN2FLCndlQqN8NharniA4gblkGfphTwkpwS7NiDl1+F+Dj56"
    "urpmLwGcaigyzIJMC1bSLkvgzqQoSJ7fpud2DdJP3pBNg2QqyjUdYQZ70chquDraMkYNl2"
    "Vcj16HaOgMwcBuI3e4DMAARJR2PwNCcgLjrMP0N2ACCOPgHGJcWEiGgAHK52BzmHRedVD9"
    "2vLsTzJQWiHOmtFNJtNioT57axUdkD//EqDEXSXsMg5JM2tMRJPStxUiIl+ARAVDf5ycoY"
    "8ySPpxjFZSzr41GS9iYWJWfZdxGLYvi2+lllP5mXNnxb4f3emnfJixl2oJkdyObubWi5al"
    "jV4qBovuYH15A2MisbZw12Rs6Ca2Fr0Fz7lfbGNUYgTq0XxgARX+OuDoGwFih5Am4gl/8i"
    "nulvARAhZQgsoD13MRqXTIyNe5xgPtBCboFMwqPXfz9KQvnAC9uDfOp3DsCTy+bcbvEQDN"
    "A3mWbi9R1F7fEPU8JftfVGypfc8xTfcEWaamEcpeGS/LvMU10WJnCMNTNQa2bX+8LteuXR"
    "f8rOzKUBU8/2y0mZdL82Hm0PrgF0Tsjg3CoZe/+i6qPXpiLmsdQYRH+rQujrg+MnOH7Ljp"
    "PXbXE5sJtwechEyloViV77xs2KmJDTYsipnEAQpaQia74++SAvpUPI0tYzDxbM54A6FbN9"
    "7UjOyZg0zfJgXqAg4JZZJVtR/w7NS2m3YXAv+6tKC80KMatafjfzgQVRE9s6nMirMgEolV"
    "UdVdGwKM0K6fBy6DuFBvMXrRWvU9Zg2CvEzVM15KdKrLjXSzs0+t0H/TrIcx8RXctdVpQ1"
    "mh6yponPoV9HzTlBo+Mh69j2XPthPdd3TtJoechajmmuNbSclzRaHrKWQxyEU4HCdL0sor"
    "K40feQ9R2x2etk4GYFjY6HrGMTmlarZhOaVlK5CU1bWZcvDnpRQTUnZUA18X5bjverGMJd"
    "oKvd7lclcHMP7qBiKWPsqyIoU7U0xE1mGvW5H0YUUaa0C8ZBGmNYbBWHl/wmxnMKFP9V9/"
    "KgKPNEkz0VYwRjcOIbTkbwD5cyBwB95b9cfI/UaPbY2NkeGyZU0YQq5sZ0X8PXhCpqg/Me"
    "hiqm/Jgi7hnJMUg/T3CWcxuD7LdykOIE20RUtHexLAO8/DxaS6M9BC/y+w4rd1hrKLKdkz"
    "KpjTl+oovURrm4KinknFL4XK2RRKCgi20rQVxvF0oQAY5ffivzBjI8ISAhrSpzU/9eKEtu"
    "cbri5kcYVaPdQtxQmwnlrH5COSsXwYuhW4P5zEkafnvQ/Hasq2hLd9XHKpIyUXiro/ASxB"
    "g3mstI1wfDF+V0wHrb4fDGh1M/7PX14ZhynrppveKFViqFZopOmqKTQ/SFtCs6We8NqfBN"
    "m6p/imUSO6knGXl+tC4nKWx/a4EWU0SDuetviNgV7+3DsjOdMOvTQ/mev6GvEGPSLVhyUm"
    "bOHjT5KR2xR6SXNlxZ2OUc/IdMAROlGx+Qz4BNIdeayOuWX2UJFZcFANL7cCGeJlnqUbDv"
    "QGbsApl6ByiK8sLLpST7uIApJqlj+RU+TpTdQFkZDT2br1v5gV43+IFel/1A/ElTcxnQSo"
    "J6R86CXfHUvTgLxHtDTRmpxDDUoZXvRrlyxWZFK4Y292ybpjPlVzquWDEALmR/mGeVMOZd"
    "R4friaph6TXja9uw9Ikht4baC6LGzzwcWj7Sc4k+3k2w9/nljRgpQWW4d3ryoIlIga5FM+"
    "3aFciFngcYARDIDuU+GQf8P9eeA5+SR9dBVLIb8vQBmJMn3l3Aok+L0J5Hn1wGEK7cl6O3"
    "q7RhVBpi0A2lMkxKhc3Fi0Rx2ZITMouW9kXh6iFtLAr3l8c0mbVUiL+sjBbGdyGloVVGQ0"
    "NCQ4n1k28DFYSXAhrC2wuv6oeUD3Ql+jojssUwVYp877kvzq7vcezBaIPrhQptlBcyxU7L"
    "1BFjM6aGaUbCAFoG1MV+yPiC+gFhFVSLYobkLAJLQrYWsiU5A20RWpuv06wwqFjavke2u4"
    "BeXchyKlYkZSK5w1h+3wBuQO/9xbvLD+dXL14fHUSL3OB3z42iu7K7/ZXGrk3UPNwZEQ0X"
    "Yt2nxUmXnGV7MKhJdWzw5KViOkTdb2HJayj8evT1pfAH4GYcmrZNyLUGIde9FqCZQ/YhYg"
    "FHVUVoMqcPGgvR8IbWItOy02o0Jc4/xwWvTfib+i9d13+hxKtZRa6u5JDIDnk5OQoDRMdA"
    "/D/BfE3mit/CxmD5sega281iU5SFivMCFPI7ExENypZsO2RsD2uYyLoh4iWk+AT4yQZr/n"
    "KDNcYn4EW06VryMa5RwvuPK5TwT+Xt10SU/ZwjMwbJp2E8PwH6XYHBiVsb3qbI23BgLDKb"
    "BagqlrI+lrggNoyAYq3iu2NWoXJjtpVcRPXWbBpQEd2XLtly4PbA0N32S3gn/vqBYa6Zu3"
    "7Q6PbjrY8HpOUytFDc47FKVj/YeylCaBjjevT1ZYxNaRbdtF4RA14qK7DT6NOh6bkXD0EE"
    "VgfuAcE/3y47209oV/oHckNraM6BGP0a30CqmxWugXRE9OwZKDpbMhO1cQ7s1jnAXFbnHa"
    "iZcxOBIbsEhrSKFUSyEsJLgS0Sz1PqopkAais4d28CS8ysR0SDuNxQW5q4KLc9wvh1X1B3"
    "TBg7FM4qluL1VPFSYCOSeGDm7rbZYJ8Ssad67YhuJBwKkvrRDSdtJpCT+gmkHG25pGn4dQ"
    "V0y7plyjxPsQP90O9++l6Cx58IXxQ1XpdkK8jrh70h2gzlkmtniDajdRWiLXlip8+qFWqK"
    "goZwG15JJX2ANbHOW451rp4kOoD4c4D2kRpqi25pXly/enccq71pFep8fLgmsPdaUDlXuL"
    "uKVi8U9l65+auFlk1blQPyXP4fmQEI4g7+FgCxdhLHvwMiJZ2CGR9nIZ8kwYsAYSc4AMRH"
    "mP85PDz8BvA74gfBHFFUXQqo8yu0Kqyc2+TXFAEafBGgB/7jVQzvpL2GzoDuOSaBuhKRGr"
    "cfRrCtVtV7DeNR/xTsp+3bhvHIv45aG745KWOcNRtnMVod2A3v0p72E9jVpkNuZA0qyiS6"
    "M7E9S8N6+MpdVRoz+YXJy6rbQJMveSpA3uRvhUWoiS/ZaXyJ6iYdGm/QYVw3ZiHT0ULGMM"
    "2GaR7igqa7jQzNDnM7JUQvFz6h7CcyrVr9pSdbrf1c2bw9F/ru0y8gkvkO2CRMtnm7u6Pk"
    "KbAcgtHdHYAUiRz2hcu4IqOd4RC052AKmShaHoia5/wxZ5AKRReA7ukyEyy2r+NfwwXinc"
    "0EpcqXqtEGdWkvUnb7ldTN2rbrte3M9ZDlQ764U1jg5oQ0XOW+ftU2A7MxBbNcDpG69y6G"
    "nvK2fyVBDUqp5CE/bYX4aQPgp9Vh63tWPSXa8UUR81hqDKK/E0xDjGXdlPhDWjXFScumOM"
    "W6KcVXTDuDsOsaKXJzXrXJPyNi9hoo+GtC33NtkSDgE/6hIhai3cNQ1c8WH4vgIVr3qjwU"
    "QmYMxP8THEX7jUH0d4JlPYwxWJbFUH9DtHo/NLwdSgUQ+CI0Tl5p61vLiBj3WufuNUYYf+"
    "GKhXRZJ/VF4nNCpnJTqUq8NFZQxexeHxyRETGAFgGNw5gV8MxIGDhLlcX428JXgjMjYeAs"
    "wpmuK1uimQoYMItgLjkdBTxzMgbSIqSmjlqdM6mPOmoUiTe5MttUENMB+e3QTcavWq8Aff"
    "2qJiVON60nGJmUOJMSt+/AmkAFkxK3F+hunBLXZ2hDISCkIr6hHDJSH+Qg3SeLfOOOY1yL"
    "MbRJhHUx0jWXbmUSrIaZYGXsCt1WmCbxZEdry+y8uCay3Ti/9YF3dV7P8i3UTXLPVY9e1i"
    "EshMrjrMVK02RQaZBBdemghU/kVvI3yCY0vwirbdS42HTT5hZN26+Mqr2dIwBx8CTiUYkM"
    "SZ25NGCAIq5s/lfGtUKwNIr+FoC7u8y9veRD7u4OEMz/IUBJyCqKDPRxkQme4F+pCJvFwM"
    "Wy04AjyIcCvxKMIihgII+LfoErLidwCeLY3Af0DNwAYPTIbytg/AFywIzQCZbN2RxyAeJ5"
    "MirXfjiQEcDyVCQRBe0G8t75DQHxmXdZF7xbyEeTv0F84CKb5aWZ9fm21udLnbX2sCQCGs"
    "by9pKxJh4GBXzj5gbddujGs601h4GiozAvpyHeZyct4D47qd9K7KQ6Rrpmz7bGmtMZqe1F"
    "FvQ/eXcXrxHXcS3DWh/SmZXZfkznbuw5UxzFcFS5dutzVOir7/Le1tB6XnI7Wt/mynRPlF"
    "zh6i5r2ThkjUN2iETOppnjfVI51yGbkq9JSc0KGiff4KCJwiGyqbXItF1J35wDkVfMCJgL"
    "eiImV2S6GiB84MivWUZE0hpPlDAkCBG+ok+Tj8u0TZedC7pG0EAUefAZLCBXqcinFt/kou"
    "Du7jvZ3/nNP+VVXUeQM4EERxI2sim/sZTpoeQJsCfXRhP8AgKbcvMETBF7QggDhKP7FDcu"
    "LsYFv0kORqSQuIj4Fa2zrdN7lap5hK58sEzJyuEyNlzHyjnBWRkNLd1eNsGF9F5px/ik/T"
    "DS67TaKl6809SUkUoMQx1aZTuK2URtv5pUopvZZ7evge2xmmoo56U0zH04etNmmj96Uz/N"
    "i3OFaT675imB3UwEFGU1JIB04gIMz1f/oOnL8+VNHBWt5yU70PrAZtc9UXKrZxtyg3zhM5"
    "X6C1kRk+5a9EiJIm6Wcs5rXkqHJcg2El9LvOpueL/zIECV5a+jEwdNPB9cNllN72HgLvgd"
    "JPFJbE5JeD+XBNbd3Sd+kJ8UtQgd6IuSgoLuChB9FKFMlCwACSkgTxh8vrmqoPc67tyULN"
    "zrkoUB12eVT6JlVbel9JBJs1HoewQ6omCV+DvBIfX4F+pNMHTHALrFh6QdpdZ10SoRuoow"
    "izCsVEh97HpWbsiqGBJ/Gbj/VYrSiZub8JyqUj9zeHR6pjJqUwkNx2sfkWXyxWwpBksWxD"
    "SE+rjV1HDcMDUcm9qyu8Y7WkdY/JWsYkvlpYwtpV5EyOcrer+C9qnHPJUweKvjbQjW+llG"
    "X4J1EOVk9ufJM9VkTPDisMHVpJrMMKeEDYvJ8LsAHz9fXe0qNvRiAV3vFi18sYP2qIIrzj"
    "c4aOKMkWhqsWzbFrGhSfvvwN3dciDe3cm0V36vIt1Vsr0iQhIx3tRGwIYMeuS+Khp0k+6S"
    "+M+YogKe+4gCkbg7tj0YBOO7BIdfEA34D7gT4Z2BuNJjfEBeR3SPQ1FSR2xYzr9NsB1SKn"
    "oUqcGConZIyEELkuRfwvFYuAFz7Zf82lFj+xkw8oAweHF3dzl7+UHsunN3983aLHamwp9h"
    "sXfMYnthRbH/Blokbt+JDTOgWKteeFKzY2e/sWzZOyvBXG+JF8Q0IJq2bo1zYO4JVSJUsz"
    "IaQJ4f3idtRvdJ/eA+KY1tN7B8SsoAvyXEQxDXvAWXQgWEp1yqL4iXR7Y7sN9eX1/lBvbb"
    "y+LI/fzh7QWftCXqvJEbrXMrfDD7t0GXQ+GMKY7tSGgM5J8J9vm6zw3mYuOt5cfiKrbd1N"
    "5qZlfYeytewiq4GDMS2/Myvu5raunaxRix/Yk5osj4VEsbPs3w04afNkXuddN6RURwqcj9"
    "8m25ht6Lsib0eziKLj/fETm6jp7zkkbLQ9ay8TL2tSoagJdRG1wH6GQcJrbGx7jfPsYSD1"
    "DBzLyNJb//+QZxq7Ta9I/xLnjK9nAtXYf9n326Y4uwVThkK5Bt65K1MozNatfsNRY1bEQm"
    "jSDbkPBlwox7NaowHJtUh+AGieBdUfvmibpMuDZ5iycQX7Hsqe2898p6xllndOSSNYWM96"
    "MsTqytkgZq4U8FTMpDBR9p3KL9ukUDJIMSlKraZGVMxdcNKtjwCb9qdNcjvxQw5YQ6VwZF"
    "Ua6uJRJwFSbwktxa8/jAVvBdT+PG5VEP9X6S3yYkf5dk2Zr+2e4cs0N7inrhyrJm2IZETi"
    "keeT/xXUnpFEaYocsGRZf1WrYFUdeej6rqtkRnDhoLt6RtOt3HdRPW5K9CmWy4yqsnQ2pj"
    "s+rt9/rgLC1M+NPTNib86Wm9CS/OFUpH+r4KwnFzDdHtJS4/TqpRsdIzIoYeUbTId1qD7M"
    "//B2eJrtY="
)
