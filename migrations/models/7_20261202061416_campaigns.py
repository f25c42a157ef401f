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
        DROP TABLE IF EXISTS "campaign_event";
        DROP TABLE IF EXISTS "campaign_recipient";
        DROP TABLE IF EXISTS "dead_letter";
        DROP TABLE IF EXISTS "campaign";"""


MODELS_STATE = (
    "eJztXWtz2za6/isYfdl0xvUkvjWrnjkzTuJ23TrJbuJ0dzbu0DAJWVxTAAuCcbw9/e8HAE"
    "nxThESKUEovuhC4oWo5wXBF897we+TBfFQEB2eh/7P6GkyBb9PMFwg/qFy5gBMYBjmx8UB"
    "Bu8C2RSGvvOQNrqLGIUu44dnMIgQP+ShyKV+yHyCReNz8EjoQxRCF4Hzv18CLjgF0Zw8Yk"
    "CwywUiRijyAIzAx7+df3t0enYAKHLJPfYj8YPg7gn4LAIhRTP/66H4UY+4/Fd9fD9S/zH2"
    "f4uRw8g9YnNE+a98/pUf9rGHvqIo+xo+ODMfBV4JRd8THcjjDnsK5bFPny7f/CBbimu/c1"
    "wSxAuctw6f2JzgZfM49r1DISPO3SOMKGTIKwCM4yBIVZEdSq6YH2A0RstL9fIDHprBOBBq"
    "mvzPLMau0A6QvyReTv43vbRCM8d59/7a+Xhx7TiTmlbFJVQUkR5yCRYjwsdMAPX7H0m/OS"
    "Dy6ET8wOu/nX94dnz2jYSAROyeypMSrskfUhAymIhK0HOU5XsN59dzSJtxztpXkOYXug7G"
    "2YEc5HzoZ/BlAI0A6WQBvzoBwvdszr++eP68A+Nfzj9ImHkriTPh92pyD79LTx0l5wTeOb"
    "7JvaCCcC4xDMarx/HWED7qA/BRO75HNXj5FOXMYTRXAbgoYxzEZyc9ID47aYVYnCpDHLlE"
    "9FED+KeP7981A5xLVOD1fJeB/wOBH7GxZovCnHwX+wHzcXQofm8X07JASPS8iKLfgiLMz9"
    "6e/6uqgddX719V52/RwauKOlyKBGQOZHWVvOFnmL9AzWopS1ZVk4oeZh/2cTrnf9B7j4On"
    "9A7sUM315duLj9fnb/9e0s+b8+sLceZIHn2qHH12VtHZshPwz8vrvwHxFfz7/buLqhqX7a"
    "7/PRHXBGNGHEweHegVJovsaIZaSesBjJgTR2vpvSo7gObTS9ZF8Xui6AyTTk1T9IU8rKXn"
    "sqTVss5azubiuydHbZ1TExxyyaOvgleucHJol2tYRWSrchZYDqxYnc8eGleOS7zqIP9AKP"
    "Lv8c/oSUJ9yS8GYrdp3ZhSJf8s9rWf4OZH85mTwsclsVEbXxwF/t8RS1Yr5x9fn7+5mLRM"
    "EgNA/ClC+7hE74tubV5shleM5zvoPjxC6jmlgS3OkCNSObJsWz+1OFpUj0AM7yVE4r+IK8"
    "+YwNjz2cUXJK++zhPmZw86uULRzkHLhqv4wnaMV7Nyn2vDtbB64G0/T6BcZFXPKLF5r/z7"
    "S8wU+Dwf19aN6VjQd3V+Ly7h278eHR0ff3f0/Pjs5enJd9+dvnz+kreV11s/9V3HfP3q8s"
    "fLd9dlw0Uc6Gb5cmX1JUlyCQOZvrM+PNRZOw91VuOh/FAF3KT1WsBqZpOPTT7xZSt1+KSK"
    "G1ZD7fiWpczD+bgXU33cwVQf15lqDzHoB0pEX0FED6ZP/Kxl+izTpyk10Ifp4w9eQhWXrk"
    "WZDZatms15xtABxuCqIRugJ7abkQH8IsC7T1dXk/rEsD0iYE+BLU6FLaDuigNg89f846SR"
    "AUjPHXSv/9mcA5A26xEtdPat59/7DAgZsOCWGvIAIwBiwB9H/M6OvgeEP0NlzM4DeuJnhV"
    "sc+OJbyJrigwbosQ/3gETXcgTHlE9D8g8XHFhfiO9ZvkFnvmGpwL4rtlzj5rENx73CXo47"
    "4l6O64EvhTujjvEFjhe1p0E5yCgX1xnxyRdE/dmTI4fHFBS/3eAQRhF/jnoOn3gQm4Ly9x"
    "sckHsfT4F84998/OBA1yUx5m2L36rzXL8VeK8FeMf6u6pQMaUqhzKVhHRWpDaEkl1Ut0Nv"
    "7qIafQ193tsaWi9LGqj1PdFyr6gKyBhahKyBw2y1+4oiq62/ofT5fFzr7+jFyXcnL4/PTp"
    "ZG3/JIl62X2XUl+n2dqdIGm+3JDZOvpBQ1XBK0OtZZxyF8CghsWA63+3UKItavM4hfp8ac"
    "7o6E+oiiKEGokYfKTh+spKKiQssebFSEKF+/fRvxiQOkot8DNkfAJeTBR2BO+D8AEFCIPb"
    "IAjDwgDB7nfJWaZZsJHilNQZsjipoIqnF+pA9nJX3OCYtUCMRVI6hsetvQ6W1SwcrL6rKU"
    "zRGyq+oNoDd3VS0TSyLEb5U1k1IKsgZqfk803cuItATKn0LNNvnoz6BlG6xqg1X3PFi1sN"
    "rqu4QqiNjULv2C5MwBtiNKLk5jr2wuV1cMV+FOXZ0kZ9MQx0hD3A09+RYt7hCN5n44aWAn"
    "C2cPusjJRbndoGlyn5e3cD7ufq1wgTYmTcuYNEqCtcOlMlmdQ2wm5JFfxhTItxsMvYWIfp"
    "JvNzi5J6Ygea8S533MuOFrN1nSsB16c0lDa7lby11XYK3lbi13fcHV2XJ/L0IHztN46gbb"
    "vXS+03onMragEJo9tAEfUvLF95LbMIrv/oNcZk34/TDhi6rrS68WZXQ239dmV4dORMjuCQ"
    "WMCyIGQnx0etpn6XN62r72EefKKG85Q0pvD8EYCVJ2ddmOvl1d2tWlXQTtbBG0GxNdot5g"
    "mmfa6NqkInQy1Y9adc4Gy+40WHbXWdsahciOYpLYvTYK3oR+7oQuf0I9Jz5LAFeN964Jmm"
    "djj7eIcWRWvr+Wqd3YgQ0e1Dl4cHmvuHOI79fSeksXVu86692up9tnWrPW0wq5ioXU+2Qj"
    "u4bU+1ep5A8/f0ABbKkqXNsyb8+GQNvasFyeIC/gvSlOpZLhezkpdkOV5m5uDFMpn9XEMZ"
    "UHu22IVTm6zkSoSp7FDdGq+jNNxMuFixD695vehK/TbgydqbgNyxw2FybApkDxnq5lR8aO"
    "KIIZdJnjL0JCN70FL2UnP5E7U9HiqyS0saEg+jD0zhOFm/j/b9qbUgWiC8FBXKd9GQ6VoF"
    "oGsKsytH5JejMItDEdMHmMWoMXphTA1u6KKcXMWV+Mub4Y6ysY2VcQwJb9kHoUz01lt4f1"
    "ZEYRUhzAUoZ3xl9vcEjJFPCXyVr4D535ESH+X6mjOsYrYluEf6y5YxsDnc87MHDS+uxKXr"
    "GapHGIv3jeC3LRrBXz5KQNPrNkuSXLLVluyXKNgbJkeW+otk/+7idMCaO5KUpJL6aCBH2H"
    "In650cYz+eWHpB9TkbLOBHVngqhFPcz9dzViVWtd0LKul14z1hZdL3sJkPW9dEI1phthaV"
    "I1eBGK5la7E8Ettho4u7rkoPA9rlrCEHafxHq3lmb9uZbTXqA/eNvPk4hBFsurF+Sfrai+"
    "xui0jonhIN0CX2vTr7dRPzSkaM5tY9VSAgUh47jwUXCeUbJQ9vOUhIzDeZRZQ0KmnL9Xlj"
    "Iv6WmULD6KwuCJWz0qQBdlLMy9YF6GLKmZdRWxDew7zSDfxJprDwSrQ9tayqhJdK0dEzUD"
    "dug9ExP6TnXYFoXsoK1ujYxZY1H99h3sCiJ2B7uS+3zdHeyqvlmEmwr3tWukKGNVMrhKcq"
    "JknYi2XHqL5rZH4Ywp4p8ITYF8u8GRO0deHCBvCpYf+VGEPa4bfiz5ILaKF1vSii3ixfsN"
    "dgUKgZRbfpRyTArxnmfcKBank/fJWnb+4GFzUksOf1JETU/ua/S15dFdEzTBBu0KHLr413"
    "X3HbaMG7p6/+7HrHn1tqsHLa4R0FUQswnuOie4Cw38l2AlpqIoY8I9NfYOSYww2MBQtK85"
    "svZ2a/bqMgN9DSFeb/PuiqidlnSelvizm64XSlyWtFrWWcszH/vRfC01V0StnnXWc9Ujrm"
    "BrNIiaZ3KM4hyx2Rjt6JuVjVEqBRx6a2q9LGm1rovWG2bYepxjesfePSky8DVBy8LbnYZG"
    "A7aWNma3xRl3W5zmOWIAiHsWM9dzSlgJbm1WLKHLrwK8+3R11VXSvMBYDJDLlwW49k3n25"
    "dBXYkwcf3QHw6sD1l/JgG2jRDrZJR1xFkvh+HqYOsklVW2XRVyPbmeIyDzX4H4zwEgMwBB"
    "1tEUPM4JSEvn8s+QHQCIk0+AcUkxISIaAY+r3UPeYdV5NUL3q8vJfM6BqEd6K4V02+22xL"
    "ltbLf1wP+8CkORtTcwCPmkDy1x0s5KnNRICT4BENWtaooydnlSxlOM4jqW7fEoWXsbi1Ja"
    "2Q8Ri2L5tvZZZT+Zlz58W+X53pt3KYtZdqCbHSjm7m24cjWwNsNBdflaHlw6bcdVX5x1rD"
    "NKK7geaw1aar9yvfEeI5AmiIvFABFf064OgVgtUPII/Eia/yKe6S8RECFlCCygO/cxmtaW"
    "GBv3eIP5QIv5CuQmPnrx16MslA88cwPIp37vADz6bM7XLQGCEfqm0Ew8vpOoPf7hjvBHbf"
    "si5XPpfkovuCFNtTKO8nBJ/l3mqS7T6z27mtF0NbPr3c12bXmMn7Iz82nE1LP9SlI23a+P"
    "RzuAawBdErI490rG3r+o+uSxqYh5KjUFyXtTCH17cPwNTp+y0+xxWzUHdhMuD5lIWWsi0V"
    "ufuEURG3JaDTmVEwiilDRkzbcnH5SlTAhZ2nrmwYKFHFCvYbZvHcklGZumWR/MCxRFfGXW"
    "yFa0P0PLUsZtezvKLqFyhebEmDWZ3918YEXUxrbqE3lVJwClspqjKjqM0qKQCQ+HsVNoMH"
    "/QOqmdsgbD3iBu7yqd7yphca+Xdmj1uw/69VDgf0F0LXdZVdZqWmdNk5BDv46aS4JWxzrr"
    "2A1892E913dJ0mpZZy2nNNcaWi5LWi3rrOUYR/GdQOFuvSyiurjVt876TtjsdTJwi4JWxz"
    "rr2IamtarZhqbVVG5D01bW5UuDXlRQLUlZUG2835bj/RqG8BDoGreHUw3c0o2rVSxlin1T"
    "BGWulo64yUKjMffDSCLKlHbBOMhjDKut0vCSX8V4zoHi/+peHhRlnmi2M2CKYApOesHZCP"
    "7xUuYAoK/8n4vviRrtHhs722PDhiraUMXSmB5r+NpQRWNw3sNQxZwfU8S9IDkF+ecbXOTc"
    "pqD4rR6keINdIira+1iWAV5+nqyl0RGCF/l1x407rHUU2S5J2dTGEj8xRGqjNK5qCjmnFD"
    "41ayQTqOhi20oQv7cLJYgAx8+/1nkDGZ4QkZg2lblpfy7UJbc4XfHlR5xUo91C3FCfCeWs"
    "fUI5qxfBS6Fbg/ksSVp+W2t+O9VVsjG56m2VSNkovNVReBlijC+a60i3B8NX5UzAetvh8N"
    "aH0z7szfXh2HKepmm94YFWK4Vmi07aopM6+kL6FZ1s94Y0+KZt1T/FMomD1JNMPD9Gl5MU"
    "a39ngRZ3iEZzP9wQsSve29tlZyZhNqaH8g1/Ql8hxqRbsOakLJw96PJTemKPyCBvuLKwyz"
    "n4D7kDTJRufEAhAy6FXGsir1t+lSVUfBYBSO/jhbibZKlHwb4DmbELZOodoCjJC6+Xkhzj"
    "B2wxSRPLr/BxouwGKsoY6Nl80csP9KLDD/Si7gfid5qay4A2EtQ7chbsiqcexVkgnhtqys"
    "gl9FCHUb4b5coVmxWt0G3u2TZNZ8uvDFyxQgMuZH+YZ5Uw5l1Hh5uJqmXpDeNr+7D02UJu"
    "DbVXRK2fWR9aPtFzjT7eTbD3+eUHMVKixnDv/ORBF5ECfYcW2vUrkAuDADACIJAdyn0yDv"
    "iL785BSMkX30NUshvy9AGYk0feXcSST4vYnSeffAYQbtyXY7Rf6cOodMSgW0pFT0qFzcWD"
    "RNFsKQlZo6V/Ubh2SDuLwv3pMc1mLRXiryhjxOK7ktLQK6OhI6GhxvrJp4EKwksBA+EdhV"
    "cNY8oHuhJ9XRDZYpgqRWHwNBZnN/Y4DmCywfVChTYqC9lip3XqiLEZU8O0IGEBrQPq4zBm"
    "3KB+QFgF1aqYJTmrwJKYrYVsTc5CW4XW5XaaE0cNpu0b5PoLGLSFLOdiVVImkTtM5fcN4A"
    "703ly8vnx7fvXsxdFBYuRGvwV+Et1V3O2vNnZdoubhLogYaIgNnxYnXXKOG8CoJdWxw5OX"
    "i5kQdb8Fk9dS+O3om0vha+Bm1E3bNuTagJDrUQvQzCF7m7CAk6YiNIXTB52FaHhDZ1FoOW"
    "g1mhrnX+KC1yb8bf2Xoeu/UBK0WJGrKzlksjqbk5M4QnQKxOsN5jaZL/4Lm4Llx6prbDfG"
    "pigLleYFKOR3ZiIGlC3ZdsjYHtYwkXVDxENI8Q4Isw3WwuUGa4xPwItk07XsY1qjhPefVi"
    "jhn+rbr4ko+zlHZgqyT3rcPxH6TYHBSVtb3qbK23BgHDKbRagplrI9lrgipkdAsVHx3Smr"
    "0Lgx20ouonlrNgOoiOFLl2w5cFszdLf9EN6Jv14zzA1z12uN7jje+nRAOj5DC8U9HptkzY"
    "N9lCKEljFuR99cxtiWZjFN6w0x4LWyAjuNPtVNz6N4CBKwBnAPCP75etnZfkK70j9QGlq6"
    "OQdS9Ft8A7luVrgG8hExsmeg6mwpTNTWObBb5wDzWZt3oGXOzQR0dgnoZMUKIlkJ4aXAFo"
    "nnO+qjmQBqKzgPvwSWmDlfEI3SckN9aeKq3PYI4xdjQT0wYexROGswxdup4qXARiSxZsvd"
    "bbPBISViT/XWEd1JOFQkzaMbTvpMICftE0g92nJJ0/DfFdAt65Yp8zzVDsxDf/jpewkevy"
    "NCUdR4XZKtIm8e9pZos5RLqZ0l2qzWVYi27I69e1KtUFMVtISbfiWVzAHWxjpvOda5eZIY"
    "AOJPEdpHaqgvurV5cf3q3Wms9qZVqMvx4YbAPmpB5VLh7iZavVLYe+Xmrw5aNu1VDijw+Q"
    "uZAQjSDv4SAWE7iePfA5GSTsGMj7OYT5LgWYSwFx0AEiLM3w4PD78B/Ir4QTBHFDWXAhr8"
    "F3oVVi5t8muLAGlfBOiB/3mVhXfW3kBnwPAck0BdiUhN2+sRbGtU9V7LeLTfBfu59u3DeJ"
    "QfR70XviUpuzjrXpylaA2wbnid97SfwK5eOpRGllZRJsmVie1ZOuzhK39VaczsH2YPq2ED"
    "TT6XqQB5kb9WjFAbX7LT+BLVTToM3qDDum6sITOQIWOZZss062jQDLeRod1hbqeE6OUiJJ"
    "T9RO6arL/8ZC/bz5fN+3Ohrz/+AhKZ74FL4mybt9tbSh4jxyMY3d4CSJHIYV/4jCsy2RkO"
    "QXcO7iATRcsjUfOc3+YMUqHoCtAj/cwNFtvX8a/xAvHOZoJS5aZqskFd3ouU3X4ldWvbDm"
    "3bzvwAOSHkxp2CgVsSMtDKffG8bwZmZwpmvRwi9e99DAPlbf9qggaUUilDftoL8dMOwE+b"
    "w9b3rHpKsuOLIuap1BQk7zeYxhjLuinph7xqipeXTfGqdVOqj5h+C8Kha6TIzXnVJv+CiN"
    "1roOKvicPAd0WCQEj4h4ZYiH43Q1M/W7wtoofE7lW5KYTMFIjXG5xE+01B8n6DZT2MKViW"
    "xVB/QvR6PnQ8HWoFELgRmiav9PWtFUSse21w9xojjD9whSFd10l7kfiSkK3cVKsSLxcrqG"
    "F2bw+OKIhYQKuApmHMCngWJCyctcpi/GkRKsFZkLBwVuHM7cqeaOYCFswqmEtORwHPkoyF"
    "tAqpraPW5kwao44aReJJrsw2VcRMQH47dJP1q7YrwFy/qk2JM03rGUY2Jc6mxO07sDZQwa"
    "bE7QW6G6fEjRnaUAkIaYhvqIeMtAc5SPfJotx44BjXagxtFmFdjXQtpVvZBCs9E6zsusI0"
    "C9MmnuzItizOi2siO4zz2xx4V+f1LJ9CwyT3XI3oZdXBEKqPsx6Wps2gMiCD6n3M7sjXjm"
    "38yg06jUwimypt5Tc5ByIYlREwF1Gt/F1EosoYJ0D4oJFfeRc4gkkgAptDBh4pYQj4jAtF"
    "ecRqvaDAkJ3f4Bt8zdtTFMAnsIB8YSaCcMU3ae3c3n4v+zv/8A/5q74H/AhEEhwZgSub8g"
    "uTrSIOMqDkEbBH30U3+BkELoXRHNwh9ogQBggn1ykuXPwYF/wmOxjJLsSPiH/RO0Q3v1ap"
    "mi/Ql7eVrXOgrxnOdawcSFqUMTNwt58jRWXnFEjvlbYZy9rrEZNl1P5i4pmmpoxcQg91GB"
    "UiJ2YTtSKnucQws89uHwPjp8ZSxP9ny9Kwy2NelDLQYX70ss80f/SyfZoX5yrTfNHmqYHd"
    "zWtVZQ1ktvaEyWrwlTZQWZbA/BMSmOUljorWy5IDaF2z2XVPlNzr3oZ8Qb4ImzYGbl2WFk"
    "VsjGQ1RlJk/jrKgZJlKRNMkG1ES9a4693wfudRhBprJiUnDrp4Prhssprew8Bf8CsAESMU"
    "eYDNKYnv55LAur39yA/ykyKB3YOhyEMXdFeE6BfedEbJApCYAvKIwacPVw303sCd2zz3vc"
    "5zj7g+myKLeqYCL6V1Js0mcRgQ6IksR/F+g2Ma8C80uMHQnwLoV2+SfpTa0JmOwt+BMEsw"
    "bFRIu8OzKKezKnTiLyP/vyopI1nz7VlC4zP1w+WHzeHR6ZnKqM0lDByvZyc9huvZSetoFa"
    "eqJRvkg9l5QC2p6i0ol8UMhPq419Rw3DE1HNuCJLvGO7EjHP5IVllLlaXsWko98yzZT1AF"
    "81zC4q2OtyVY22cZcwlWLXKQ9ufOsylI2gWI2hQkE1OQ9JwSNsxA4lcB3n26utpVbOjFAv"
    "rBNVqEYtulSQNXXG5w0MUZI9HUYcW2PWJDs/bfg9vb5UC8vRWRleJawYwkpUtFhCRivKmL"
    "gAsZDMh9UzToJt1l8Z8pRQUC/wuKgI/B1A1gFE1vMxx+SXa0vhXhnZH4pXSL6+R3RPc4Fn"
    "lYYpcr/u0GuzGlokeCk3BPj8QctAjApDXheCz8iPnut/y3k8buE2DkAWHwLOG6L67h/e3t"
    "N2uz2IW0cMti75jFDuKGCnEdtEjafpA1jEaxVqPwpHabh3Fj2YpXVoO5fSVeETOAaNr6ap"
    "wDc0+oEqFalDEA8rG3xfMjJ6SkDvArQgIEcctTcClUQfiOS40F8fLIdgf2q/fvr0oD+9Vl"
    "deR+evvqgk/aEnXeyE/s3AYfzP5VdfYonDHFsZ0ITYF8u8Eht/v8aC6qNS8/Vq3YflN7r5"
    "ldoWBzasIquBgLEtvzMr4Ya2oZ2sWYsP3ZckSR8WmWtnya5actP20ro5mm9YaI4FpltOXT"
    "cg29V2Vt6Lc+iq7f3wk5uo6ey5JWyzpr2XoZx7KKNPAyGoOrhk5GPbG1Psb99jHWeIAN97"
    "qseMr20JZuw37UzS6rsDU4ZBuQ7euSdQqMTb8NMCMoMmkE2YaELxMW3KsY8d7SnZi8Q/AB"
    "ieBdUfvmkfpMuDZ5i0eQ/mLdUzt4740FK4vO6MQlu9mu7LYsjji3jbI4qbZqGmiFPxewKQ"
    "8NfKR1i47rFo2QDEpQqmpTlNl+XZvdGNzjbPI2R02jux35pYAtJzS4MihKcnUdkYCrMIHX"
    "5NaaxzWz4Ieexq3Lox3q/SS/bUj+LsmyNf2zwzlmdbuLRuHKisuwDYmcWjzyfuK7ktKpjD"
    "BLl2lFl41atgVR351Pmuq2JGcOOgu35G0G3fxjE9bkz0KZbGjltZMhrbFZ7ev39uAsI5bw"
    "p6d9lvCnp+1LeHGuUjoyDFUQTpsbiO4ocflpUo3KKr0gYukRxRX5TmuQ/fH/vCiFfg=="
)
