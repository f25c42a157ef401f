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
        DROP TABLE IF EXISTS "campaign";
        DROP TABLE IF EXISTS "campaign_event";
        DROP TABLE IF EXISTS "campaign_recipient";
        DROP TABLE IF EXISTS "dead_letter";"""


MODELS_STATE = (
    "eJztXWuT2zay/SsofVmnajJlz8te5datmthOMsnY3muPd7fWk6IhEhphhwIZEPR4bjb/fQ"
    "GQFAm+REikRCH4ogeJpqjTINB90N34fbIMPORHx5ch/gU9Tqbg9wmBS8Q/lM4cgQkMw/y4"
    "OMDgzJdNYYid+7TRLGIUuowfnkM/QvyQhyKX4pDhgIjGl+AhoPdRCF0ELv92BbjgFESL4I"
    "GAgLhcIGIBRR6AEfjw0+W3J+cXR4AiN7gjOBI/CGaPALMIhBTN8ddj8aNe4PJfxeRuoOvH"
    "BP8WI4cFd4gtEOW/8ulXfhgTD31FUfY1vHfmGPmegiL2xAXkcYc9hvLYx49Xr36QLcW9zx"
    "w38OMlyVuHj2wRkFXzOMbesZAR5+4QQRQy5BUAJrHvp6rIDiV3zA8wGqPVrXr5AQ/NYewL"
    "NU3+Zx4TV2gHyF8SL2f/m95aoZnjvH1343x4feM4k4pWxS2UFJEecgMiegQmTAD1+x/JdX"
    "NA5NGJ+IGXP12+f3J68Y2EIIjYHZUnJVyTP6QgZDARlaDnKMv3Cs4vF5DW45y1LyHNb3QT"
    "jLMDOch518/gywAaANLJEn51fETu2IJ/ffb0aQvGf798L2HmrSTOAX9Wk2f4bXrqJDkn8M"
    "7xTZ4FHYRziX4wXt+Pd4bwSReAT5rxPanAy4coZwGjhQ7ARRnjIL446wDxxVkjxOKUCnHk"
    "BuIaFYB//vDubT3AuUQJXg+7DPwH+DhiQ40WhTF5FmOfYRIdi9/bx7AsEBJXXkbRb34R5i"
    "dvLv9Z1sDL63ffl8dvcYHvS+pwKRKQOZBVVfKKn2F4ierVokqWVZOKHmcfDnE453/Qe0f8"
    "x/QJbFHNzdWb1x9uLt/8TdHPq8ub1+LMiTz6WDr65KKks9VFwD+ubn4C4iv417u3r8tqXL"
    "W7+ddE3BOMWeCQ4MGBXmGwyI5mqCla92HEnDjaSO9l2R40n97yWBR/IIrOMGnVNEVfgvuN"
    "9KxKWi2PWcvZWDx7dPT8nIpgny7PeBW81sPJoV35sJrIluUssBxY4Z3P72s9xxVeVZB/CC"
    "jCd+QX9CihvuI3A4lb5zemVMk/itc6THDzo/nISeHDitio9C+OAv/viCXeyuWHl5evXk8a"
    "BokeIP4YoUN00buiWxkX6+EV/XkG3fsHSD1H6djiTHASlI6s2lZPLU+W5SOQwDsJkfgv4s"
    "4zJjD2MHv9Bcm7r/KE+dmjVq5QtHPQquE6vrAZ4/Ws3KdKdy14D7ztpwmUTlb5jBab9z2+"
    "uyJMg8/DpOI3pn1hvN75nbiFb/96cnJ6+vzk6enFi/Oz58/PXzx9wdvK+62eet4yXn9/9e"
    "PV2xvVcBEH2lm+XFldSZJcwkCm76ILD3XRzENdVHgoHOqAm7TeCNiR2eRDk0/cbaUOH1RJ"
    "jTfUjK8qZR7Op52Y6tMWpvq0ylR7iEHsaxF9BZFxMH3iZy3TZ5m+kVIDXZg+PvEGVNN1Lc"
    "ps4baObMwzhg4wBtcRsgHjxHY7MoDfBHj78fp6Uh0YdkcEHCiwxaGwAdR9cQBs8ZJ/nNQy"
    "AOm5o3b/ny04AGmzDtFCF996+A4zIGTAkltqyAMsAJAAPh3xJzv6DgR8DpUxO/fokZ8Vy+"
    "IAi28hq4sP6uGKXbgHJC4te3BM+TAk/3BhAetLgD3LN4yZb1gpsKvHlmvcPLbhtFPYy2lL"
    "3MtpNfCl8GRUMX5N4mVlNlCDjHLxMSM++YIonj86sntMQfHbLQlhFPF51HP4wIPYFKjfb4"
    "kf3GEyBfKNf8Pk3oGuG8SEty1+K49z3TzwTg54i/9dVqgYUrVDmRShMStyNISSdaqboTfX"
    "qUZfQ8yvtoHWVUkDtX4gWu4UVQEZQ8uQ1XCYjXZfUWS99deXPp8Oa/2dPDt7fvbi9OJsZf"
    "StjrTZepldp9DvmwyVNtjsQB6Y3JPS1LAiaHU8Zh2H8NEPYI073LyuUxCx6zq9rOtUmNP9"
    "kVAfUBQlCNXyUNnpo7VUVFRo2YGNihDl/tu3ER84QCr6HWALBNwguMcILAL+DwAEFBIvWA"
    "IW3CMCHhbcS82yzQSPlKagLRBFdQTVMD/ShbOSa84Ji1QIxNUjqGx6W9/pbVLB2m61KmVz"
    "hKxXvQX05nrVMrEkQvxR2TAppSBroOYPRNOdjEhLoPwp1GyTj/4MWrbBqjZY9cCDVQveVl"
    "cXqiBiU7vGFyRnDrAtUXJxGntlc7naYrgKT+r6JDmbhjhEGuJ+6Mk3aDlDNFrgcFLDThbO"
    "HrWRk0u1Xa9pcp9Wj3De734tcYE2Jm2UMWk08DcOl8pkxxxiMwke+G1MgXy7JdBbiugn+X"
    "ZLkmdiCpL3MnHexYzrv3aTJQ2boTeXNLSWu7Xcxwqstdyt5T5ecMdsub8ToQOXaTx1je2u"
    "nG+13gMZW1AIze7bgA9p8AV7yWMYxbN/I5dZE/4wTPii6rrSq0WZMZvvG7OrfSciZM+EBs"
    "YFEQMhPjk/7+L6nJ83+z7inIryjjOkxr1CMESClPUum9G33qX1Lq0TtDcnaD8mukS9xjTP"
    "tNG2SUXoZKoftOqcDZbda7DsvrO2RxQiO4hJYvfaKKwmdFtOaFtPqObEZwnguvHeFUHzbO"
    "zhnBhHZuXjjUzt2gvY4MExBw+unhV3AcndRlpvuITV+5j1bv3p5pHWLH9aI1exkHqfbGRX"
    "k3r/fSr5wy/vkQ8bqgpXtsw7sC7Q5Buq5QnyAt7b4qSUDD/IQbEdqjR3c2uYlHxWE/tUHu"
    "y2JVZqdJ2JUCkri1uiVV7PNBEvFy5DiO+2fQhfppcxdKTiNixz2EKYANsCxa90Iy9kbI8K"
    "CIMuc/AyDOi2j+CVvMjPwcwktIYkgPMYmRoWWAmgaaaClZgdywWbywVbrnJgrtKHDfuxdC"
    "jemcruDuvJnCKk2YGlDL8Yf70lIQ2mgL9MNsLfRp5bLsNyGXs3TiyXYbkMy2WMAqrd++aH"
    "CVPicG6LUnIVU0GC2KGI32609Uh+9T65jqlIWa5Hn+sRpUL7ef6uByw6Oha0LDPWhNaQzN"
    "hqGqwhxopTZDMv5hZb9ZywpHBu2ENcuwwR91H4KJXMpfUb90YMsljefYSILVJquTbjuTab"
    "0bSLklwhRQtuz+hm5xWEdshnDjVA7ADnOQ2Wju6QoQgZh/Mgo4aETDskXpUyL454kMB4ik"
    "L/kVs9OkAXZSzMnWAWO91w30G3VEhJzG6E24DqF0QzdlaFtrE6QJ3oRpsQjQzYvrchSigX"
    "3W5bFLKdtrzbIGG1dWqbN4UpiNhNYZQlz003hSmvpyFSVwunWSNFGauS3lWSEyWbBGnk0j"
    "s0tz0K50wT/0RoCuTbLYncBfJiH3lTsPrIjyLicd3wY8kHsfuq2OVN7Loq3m+JK1Dwpdzq"
    "o5RjUohfeS73ixb3Ld4nG9n5fUeCJFpy+EwR1c3cN+hrw9RdETTBBm0L9nj9z5v2J2wV63"
    "H97u2PWfPyY1dCPyUgK7i3B+EUxGzO2JhzxoQG/j8gWkxFUcaEZ2roTQdYwGANQ9Hsc2Tt"
    "7W6nZTcDfQ0h2Ww/zJKoHZbGPCzxuZtuFv6pSlotj1nLc0xwtNhIzSVRq+cx67m8Iq5ha9"
    "SImmdyDLI4YiPom9E3K4Jeqa4XehtqXZW0Wh+L1mtG2GpsWvrEzh41GfiKoGXhbfH+wYCt"
    "pPrYSvPDVpqvHyN6gLhjfdBxDglrwa2Migq6/C7A24/X121VQguMRQ/5V1mAa9cUrEPp1K"
    "UIExeHuD+w3mfXMwmwXYRYJ72sJc561Q3XB1sn6Yey7bqQ68nNAgGZswjEf/ZBMAcQZBea"
    "godFANJqdPwzZEcAkuQTYFxSDIiIRsDjaveQd1xevBrg8usrJHzKgahGemuFdNsdLMS5Xe"
    "xgcc//vA5DkbU3MAj5rAstcdbMSpxVSAk+AAS61d+LMtY9UfEUvbiKZXM8StbexqIonn0f"
    "sSiWb2seVQ6TeenCt5Xm9868iypm2YF2dqCYu7el52pgPv1R2X1VO9eYdrioOmctfobiwX"
    "XwNajSfq2/8Y4gkCb1CmcgEF/TSx0D4S3Q4AHgSJr/Ip7pLxEQIWUILKG7wARNKy7G1le8"
    "JbyjxdwDuY1Pnv31JAvlA09cH/Kh3zsCD5gtuN/iIxihbwrNxPSdRO3xD7OAT7XNTson5X"
    "lKb7gmTbXUj/JwSf5d5qmuUqI9682M1JvZ94Yh+7Y8hk/ZmWMaMf1sP0XKpvt1WdH24QZA"
    "K0IW507J2IcXVZ9Mm5qYp1JTkLzXhdA3B8ffknSWnWbTbdkc2E+4PGQiZa2ORG+ccYsiNu"
    "S0HHIqBxBEaVCTNd+cfKBKmRCytPPMgyULOaBezWjf2JMVGZumWe3MSxRF3DOrZSua51BV"
    "yrid5AbZeEt6aE5MWJ353c4HlkRtbOt4Iq+qBKBUVn1URYtRWhQyYXIYOoWG8InWSe2UDR"
    "j2GnH7VI35qRIW92Zph1a/h6BfD/n4C6IbLZeVZa2mx6zpIOTQb6JmRdDqeMw6dn3s3m+2"
    "9K1IWi2PWcspzbWBllVJq+UxazkmUTwTKMw2yyKqilt9j1nfCZu9SQZuUdDqeMw6tqFpjW"
    "q2oWkVldvQtLV1+dKgFx1UFSkLqo3323G8X00X7gNd4/bdqYCrPLijiqVMsa+LoMzV0hI3"
    "WWg05H4YSUSZ1i4YR3mMYblVGl7yq+jPOVD8X93Jg6LME812c0sRTMFJbzjrwT9eyRwA9J"
    "X/c/E9UaPdY2Nve2zYUEUbqqj06aG6rw1VNAbnAwxVzPkxTdwLklOQf74lRc5tCorfqkGK"
    "t8QNREV7TGQZ4NXnyUYaHSB4kd93zFCNSluKbCtSNrVR4Sf6SG2UxlVFIZeUwsd6jWQCJV"
    "3sWgni9/ahBBHg+OnXKm8gwxOiIKZ1ZW6a54Wq5A6HK+5+xEk12h3EDXUZUC6aB5SLahG8"
    "FLoNmE9F0vLbo+a3U10lm0nrPlaJlI3CWx+FlyHGuNNcRbo5GL4sZwLWuw6Ht2s4zd3e3D"
    "UcW87TNK3XTGiVUmi26KQtOjnGtZBuRSebV0Nq1qZt1T/NMom91JNMVn6MLicpfH9niZYz"
    "RKMFDrdE7Jpf7c3qYiZhNuQK5Ss+Q18jxuSyYGWRsnD2qG2d0hN7RPp5w7WFXS7Bv4MZYK"
    "J04z0KGXAp5FoTed3yqyyhglkEIL2Ll+JpkqUeBfsOZMYukKl3gKIkL7xaSnKIH7DFJE0s"
    "v8L7ifYyUFHGwJXNZ53WgZ61rAM9q64D8SdNb8mA1hLUe1os2BdPPchigZg39JSRS4xDHU"
    "at3WhXrtiuaMXYxp5d03S2/ErPFStGwIUcDvOsE8a87+hwM1G1LL1hfG0Xlj5z5DZQe0nU"
    "rjOPh5ZP9Fyhj/cT7H159V70lKg23Ds/edRGpEDs0EK7bgVyoe8DFgAI5AXlPhlH/AW7Cx"
    "DS4Av2EJXshjx9BBbBA79cxJJPy9hdJJ8wA4jU7ssx2K90YVRaYtAtpTJOSoUtxESiabYo"
    "QtZo6V4UrhnS1qJwf3pMs1FLh/gryhjhfJdSGjplNLQkNFRYPzkb6CC8EjAQ3kF41TCmvK"
    "Nr0dcFkR2GqVIU+o9DcXZD92MfJhtcL3VoI1XIFjutUkeMzZkepgUJC2gVUEzCmHGD+h4R"
    "HVTLYpbkLAMbxGwjZCtyFtoytC6305w4qjFtXyEXL6HfFLKci5VJmUTuOJU/NIBb0Hv1+u"
    "XVm8vrJ89OjhIjN/rNx0l0V3G3v0rfdQO9Fe6CiIGGWP9pcXJJznF9GDWkOras5OViJkTd"
    "78DktRR+M/rmUvgjWGYcm7ZtyLUBIdeDFqBZQPYmYQEndUVoCqePWgvR8IbOstCy12o0Fc"
    "5f4YI3Jvxt/Ze+67/QwG+wItdXcshkx2xOTuII0SkQr7eE22RY/Bc2BauP5aWx/RiboixU"
    "mhegkd+ZiRhQtmTXIWMHWMNE1g0Rk5DmExBmG6yFqw3WGB+Al8mma9nHtEYJv35aoYR/qm"
    "6/JqLsFxyZKcg+jeP5idBvGgxO2tryNmXehgPjBPN5hOpiKZtjiUti4wgoNiq+O2UVajdm"
    "W8tF1G/NZgAV0X/pkh0Hbo8M3V1PwntZrx8Z5oYt148a3WFW69MO6WCGlpp7PNbJmgf7IE"
    "UILWPcjL65jLEtzWKa1mtiwCtlBfYafTo2PQ+yQpCA1cPygOCfb1YXO0xo164PKF1rbIsD"
    "KfoNawO5btYsDeQ9YuCVgfJiS2GgtosD+10cYJg1rQ40jLmZwJiXBMZkxQoiWQvhlcAOie"
    "cZxWgugNoJzv27wBIz5wuiUVpuqCtNXJbbHWH8bCioeyaMPQrnNaZ4M1W8EtiKJB6Zu7tr"
    "NjikgdhTvbFHtxIOJUnz6IazLgPIWfMAUo22XNE0/HcFdKu6Zdo8T/kC5qHf//C9Ao8/Ea"
    "EoarwpyVaSNw97S7RZykVpZ4k2q3Udoi17YmePuhVqyoKWcBtfSSVzgLWxzjuOda4fJHqA"
    "+GOEDpEa6opuZVzcvHp3Gqu9bRVqNT7cENgHLaisFO6uo9VLhb3Xbv7qoFXTTuWAfMxfgj"
    "mAIL3AXyIgbCdx/DsgUtIpmPN+FvNBEjyJEPGiIxCEiPC34+PjbwC/I34QLBBF9aWAev+F"
    "ToWVlU1+bRGg0RcBuud/XsfxztobuBjQP8ckUNciUtP24wi2Nap6r2U8mp+Cw/R9uzAe6n"
    "TU2fFVpKxz1u6cpWj14De8zK90mMCudx2UnjWqKJPkzsT2LC328DVeVxoz+4fZZNVvoMkn"
    "lQqQN/lryQi18SV7jS/R3aTD4A067NKNNWR6MmQs02yZ5jEaNP1tZGh3mNsrIXq1DAPKfg"
    "5mddZffrKT7Ydl8+5c6MsPfweJzHfADeJsm7fPn2nwEDleQNDnzwBSJHLYl5hxRSY7wyHo"
    "LsAMMlG0PBI1z/ljziAVii4BPdDP3BKxfR3/Gi8Rv9hcUKrcVE02qMuvImV3X0nd2rZ927"
    "Zz7CMnhNy40zBwFSEDrdxnT7tmYLamYFbLIVJ8hwn0tbf9qwgaUEpFhfy8E+LnLYCf14et"
    "H1j1lGTHF03MU6kpSN5vCY0JkXVT0g951RQvL5vileumlKeYbg5h3zVS5Oa8eoN/QcTuNV"
    "Bar4lDH7siQSAM+IeaWIhuD0PddXb4WET3id2r81AImSkQr7ckifabguT9lsh6GFOwKouh"
    "P0N0mh9aZodKAQRuhKbJK13X1goidnmt9+U1FjA+4QpDuqqT5iLxipCt3FSpEi+dFVQzuj"
    "cHRxRELKBlQNMwZg08CxIWzkplMT5bhFpwFiQsnGU4c7uyI5q5gAWzDOaK09HAU5GxkJYh"
    "tXXUmhaThqijRpGYybXZppKYCcjvhm6y66rNCjB3XdWmxJmm9QwjmxJnU+IOHVgbqGBT4g"
    "4C3a1T4oYMbSgFhNTEN1RDRpqDHOTyyVJt3HOMazmGNouwLke6KulWNsFqnAlW1q8wzcK0"
    "iSd7si2L4+KGyPaz+G0OvOvzelazUD/JPdcDrrKOwRCq9rMOlqbNoDIgg+pdzGbB15Zt/N"
    "QGrUZmIJtqbeU3uQQiGJUFYCGiWvm7iESVMU4g4J1GfuWXIBFMAhHYAjLwQAOGAGZcKMoj"
    "VqsFBfq8+C25JTe8PUU+fARLyB0zEYQrvklr5/Pn7+T1Lt//n/xV7AEcgUiCIyNwZVN+Y7"
    "JVxEEGNHgA7AG76JY8gcClMFqAGWIPCBGASHKf4sbFj3HBb7KDkbyE+BHxLzqH6Ob3KlXz"
    "BWL5WNk6B+M1w7mOtQNJizJmBu52W0jR2TkF0jutbcay9uOIyTJqfzExp+kpI5cYhzqMCp"
    "ETo4lekdNcop/RZ7/TwPCpsRTx/9ngGratmBelDFwwP3nRZZg/edE8zItzpWG+aPNUwG7n"
    "tcqyBjJbB8Jk1ayV1lBZlsD8ExKYqoujo3VVsgetj2x0PRAld3q2IXfIl2HdxsCNbmlRxM"
    "ZIlmMkReavox0oqUqZYILsIlqywl3vh/e7RBS7i0kN4ZeeOWpj+mDeZsgtubRYqT8LJbXl"
    "U99MNm2wicu2u7eMzjRS3b3z8y7u3vl5s7snzpV8kDDUQThtbiC6gxB5YqElrWjclT4qiO"
    "yeP9rPZNYbU7TXyeyP/wJFjSx2"
)
