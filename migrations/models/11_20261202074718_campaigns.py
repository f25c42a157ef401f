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
        DROP TABLE IF EXISTS "campaign_event";
        DROP TABLE IF EXISTS "dead_letter";
        DROP TABLE IF EXISTS "campaign";
        DROP TABLE IF EXISTS "campaign_recipient";"""


MODELS_STATE = (
    "eJztXWtz2ziW/Ssofel0leJK/OoeZWurnEfPeNpJZhOnZ2qjLgoiIYttEmCDoB3PbP/3Bc"
    "D3U6REShQaX2yJxAWpc0EQ99wH/jNxiYUc/+TKs39GT5MZ+M8EQxfxD4UzUzCBnpceFwcY"
    "XDqyKfRs4z5qtPQZhSbjh1fQ8RE/ZCHfpLbHbIJF4yvwSOi970ETgat/XAMuOAP+mjxiQL"
    "DJBXxGKLIA9MHnv109P724nAKKTHKHbV9cECyfgM184FG0sr+diItaxORXtfHdQP0H2P49"
    "QAYjd4itEeVX+forP2xjC31DfvzVuzdWNnKsHIq2JTqQxw325MljX75cv/1JthT3vjRM4g"
    "QuTlt7T2xNcNI8CGzrRMiIc3cIIwoZsjIA48BxIlXEh8I75gcYDVByq1Z6wEIrGDhCTZP/"
    "WgXYFNoB8kriz/l/R7eWaWYYHz7eGp/f3RrGpKRVcQsFRUSHTILFiLAxE0D954+w3xQQeX"
    "QiLvDmb1efnp1dfi8hID67o/KkhGvyhxSEDIaiEvQUZfm/hPObNaTVOMftC0jzG90G4/hA"
    "CnI69GP4YoAGgHTiwm+Gg/AdW/OvL1+8aMD4l6tPEmbeSuJM+LMaPsMfolOn4TmBd4pv+C"
    "x0QTiV6AfjzeN4bwiftgH4tB7f0xK8fIoy1tBfdwE4K6McxJfnLSC+PK+FWJzKQ+ybRPRR"
    "Avjvnz9+qAY4lSjAa9kmA/8HHNtnQ80WmTl5GdgOs7F/Iq53iGlZICR6dn3/dycL87P3V/"
    "8qauDNzcfXxflbdPC6oA6TIgGZAVlZJW/5GWa7qFotecmiaiLRk/jDMU7n/AdaH7HzFD2B"
    "Daq5vX7/7vPt1ft/5PTz9ur2nThzKo8+FY4+uyzoLOkE/PP69m9AfAX/+/HDu6Iak3a3/z"
    "sR9wQDRgxMHg1oZSaL+GiMWk7rDvSZEfhb6b0o24Pmo1sei+KPRNExJo2apuiB3G+l57yk"
    "1vKYtRzPxcsno5udUxLs0+QZr4I3WjgptIkN2xHZopwGlgMrrPPVfaXlmOBVBvknQpF9h3"
    "9GTxLqa34zEJtVdmNElfwz29dxgpseTWdOCh8TYqM0vjgK/LcjFlorV5/fXL19N6mZJHqA"
    "+IuPjtFEb4tuaV6shleM5yU07x8htYzcwBZnyCkpHEnalk+5p27xCMTwTkIkfou485gJDC"
    "ybvXtA8u7LPGF6dtrIFYp2BkoabuIL6zHezMp9LQ3XjPXA236dQGlkFc90YvNe23fXmHXg"
    "82xcshujsTBe6/xO3MLzv5yenp39cPri7PLHi/Mffrj48cWPvK283/KpHxrm69fXf73+cJ"
    "tfuIgDzSxfqqy2JEkqoSDTd9mGh7qs56EuSzyU7XUBN2y9FbAjW5MPTT5xs5UafFLFFdZQ"
    "Pb55KfVwPmvFVJ81MNVnZabaQgzaTieiLyMyDqZPXFYzfZrpGyk10Ibp4y9eQjuarlmZHc"
    "zWkc15ytAByuA6QjZgnNjuRgbwmwAfvtzcTMoTw/6IgCMFNjsV1oB6KA6Ard/wj5NKBiA6"
    "N222/9maAxA1axEtdPncsu9sBoQMcPlKDVmAEQAx4K8j/mT7rwDh71AZs3OPnvhZ4RYHtv"
    "jmsar4oB56bMM9ING1HMEB5dOQ/MEZB9YDsS3NN4yZb0gU2NZiSzWuHttw1irs5awh7uWs"
    "HPiSeTLKGL/DgVt6G+SDjFLxMSM+eUDUXj0ZcnjMQPbbHHvQ9/l71DL4xIPYDOS/z7FD7m"
    "w8A/If/2bjewOaJgkwb5v9Vpzn2lngrQzwBvu7qFAxpXYOZcoJjVmRoyGUtFFdD726RjX6"
    "5tm8ty20npdUUOtHouVWURWQMeR6rILDrF33ZUU2r/760ueLYVd/py/Pfzj/8ezyPFn0JU"
    "ea1nrxui5Hv28zVepgsyN5YFJLqqOGc4Jax2PWsQefHAIrzOF6v05GRPt1evHrlJjTw5FQ"
    "n5HvhwhV8lDx6elGKsrPtGzBRvmIcvvtuc8nDhCJvgJsjYBJyL2NwJrwXwAgoBBbxAWM3C"
    "MMHtfcSo2zzQSPFKWgrRFFVQTVMBdpw1lJn3PIImUCcbsRVDq9re/0NqngzmZ1XkrnCGmr"
    "egfo1bWqZWKJj/ijsmVSSkZWQc0fiaZbLSI1gfKnULNOPvozaFkHq+pg1SMPVs1YW21NqI"
    "yITu0aX5CcOsA2RMkFUeyVzuVqiuHKPKmbk+R0GuIQaYiHoSffI3eJqL+2vUkFO5k5O20i"
    "J918u17T5L4mj3A67n4tcIE6Jm2UMWmUOFuHS8WyYw6xmZBHfhszIP/NMbRcEf0k/81x+E"
    "zMQPi/SJy3Wcb1X7tJk4b10KtLGuqVu165jxVYvXLXK/fxgjvmlftHETpwFcVTV6zdc+cb"
    "V+9ExhZkQrP7XsB7lDzYVvgY+sHyN2QyvYQ/jiV8VnVt6dWszJiX71uzq30nIsTPRAeMMy"
    "IKQnx6cdHG9Lm4qLd9xLk8ynvOkBq3h2CIBCltXdajr61LbV1qI+hgRtBhlugS9YqleayN"
    "pk0qPCNW/aBV53Sw7EGDZQ+dtT2iENlBliR6r42MN6GdO6HJn1DOiY8TwLvGe5cE1VtjD2"
    "fEGDIr395qqV3ZgQ4eHHPwYPKsmGuI77bSek0XWu9j1ru2p+tnWrXs6Q65ipnU+3Aju4rU"
    "+9eR5E8/f0IOrKkqXNoy78iGQJ1tmC9PkBbw3hWnXMnwo5wUm6GKcjd3himXz6rimEqD3X"
    "bEKh9dpyJUOc/ijmgV/Zkq4mVC14P23a4P4ZuoG0VnKr6GZQZbiyXArkDxnm5lR8qOKIIZ"
    "NJmxDJx74zey3BGw17ybv5Ol6mjZrkforhPWtexEYbS4TYl2XlaJPhSdp0SZK/77q3by7A"
    "LRO8HY3EZ9KQ6VIKZ6WIXGaP0S9qYQaEO6q9KIvgqfVS7cr95xlYsw1J4rdT1X2rMysGfF"
    "gTW7R7UoNRzJ7g/ryYoi1HEASxneGf87xx4lM8D/TLbCv+88GR/x30qNrmO8ILZH+IeaO/"
    "Yx0Pm8Ax0jqmbfyYdYklQO8ZcvWkEumtViHp7UoXrataBdC9q1oF0LIwZKuxZaQ7V/qvw4"
    "YQoZzV1RCntRFSRoGxTx2/V3nsmvP4X9KIxU4MM7ZLh8RKx3RuuL6Ou96EpVwLSvSvuqhk"
    "VLFIbvZ3q/GbDE/FjQ0p69NmjZFuI/kSFsPvE3o0norpPXddrhJ9mfqsjt0yd6lABpp2gj"
    "VEP69xJbp8K9l7WD6r17ZrbVkM69r6XSGxnekbf9OvEZZIG8O8G6640fthh92iPYH6R7cJ"
    "ToKhH7KHPsUbTmNlbXiicZIeWcUIPgvKLE7exgzQkph/Mgs4aErHOacV5KvdzMQZKNKfKc"
    "J76q6QJ0VkbD3ArmJFaw27KuILbD+m5kkO+ymquPwCxDW1txrUp0q41dRwZs31u7hjRw12"
    "GbFdKDtriDO2aVe3/Ub7SZEdEbbYqed95osxgUgXBVfdF6jWRltEp6V0lKlGwTSppK73G5"
    "bVG4Yh3xD4VmQP6bY99cIytwkDUDyUd+FGGL64YfCz/MsQfFztkzEP6fY1Og4Ei55KOUY1"
    "KI97zii2JxOvw/2Wqd33u8qtSSwd8UftWb+xZ9q3l1lwRVWIM2Rey9+9dt8xOWBOzdfPzw"
    "17h58bErRwtvEUmZEdN1OMZch0No4N8Ed2IqsjIqPFNDb+TGCIMVDEW9zRG338rQ2Oq19O"
    "JIzAz0zYP8Z2xVHCovqqelMU9L/N1Nt4vhz0tqLY9Zyysb2/56KzUXRLWex6xnnZFT/4JU"
    "KyMnVzzbs7bUel5Sa30sWq942MvBiNETu3zqSAaXBDUhrPfmGgzYUuqg3khq2I2kqueIHi"
    "BuWf5/nFPCRnBLs2IOXX4X4MOXm5umTQAyxnMP+ZxxLGXblM5jGdSFYAfT9uz+wPoU96cS"
    "YPuI5g1HWUNIbzIMN8f1hunMsu2m6N7J7RoBmQMNxG92AFkBCOKOZuBxTUBUbJp/hmwKIA"
    "4/AcYlxYSIqA8srnYLWSdFP8oA3beJOk6AKAcdd4ou1hvUiXP72KDunv/4LsR83F7BeNjz"
    "Nn7F83q/4nnJr8gnANJ1c6esjDZP8niKUVzGsj40Im6vwyKanbZbhEVovq1+VjlO5qUN31"
    "Z4v7fmXfJimh1oZgeyaWI7Wq4K1ueYFs3X/OAa0wZ2ZeOswc7IWXAtbA2aa7/R3viIEYiy"
    "uIUxQMTXqKsTIKwFSh6B7cvlvwit+c4HIroJAReaaxujWcnE2LnHOeYDLeAWyDw4ffmX0z"
    "iqDDwzHcinfmsKHm225naLg6CPvs80E6/vMICMf1gS/qqtN1K+5p6n6IZL+2eXbJc0co9/"
    "lymTSQ68pa2ZkVozh94P8NArj+GzR1Y29Vn3xLOclM48a5N55sAtgM4JaZxb5QUfX4B3+N"
    "rsiHkkNQPh/6po7vo47TmO3rKz+HVbXA4cJnIbMpE9VUWi175xsyI6+rEY/SgnEEQpqUjg"
    "ro+Dz0upELC79yB4l3kcUKtitq8dyTkZnTFYHswu8mW1vapFef07NC+l3EbRg+yrKy00I8"
    "CsavndzAcWRHWY5Xgir8oEoFRWdVRFw6I0K6TCy2HobA7MX7RGtE7ZgmGvENdP1ZifKrHi"
    "3i4DTuv3GPRrIcd+QHQrd1lRVmt6zJomHod+GzXnBLWOx6xj07HN++1c3zlJreUxazmiub"
    "bQcl5Sa3nMWg6wHywFCsvtsojK4lrfY9Z3yGZvkwyaFdQ6HrOOdWharZp1aFpJ5To0bWOJ"
    "uCjopQuqOSkNqo7323O8X8UQ7gNd5fbxKoGbe3BHFUsZYV8VQZmqpSFuMtOo160Xvuazec"
    "OIsnJ4YcOGDNM0xrDYKgov+VWM5xQo/qvu5EFRcYjGu0NGCEbgRDccj+C/XsscAPSN/3Lx"
    "PVSj3u7hYNs96FBFHaqYG9NDDV8dqqgMzkcYqpjyYx1xz0jOQPp5jrOc2wxkv5WDFOfYJK"
    "K4uo1lRdrk82QrjQ4QvMjvO6jczKuh3nNOSqc25viJPlIb5eKqpJArSuFTtUZigYIu9q0E"
    "cb1DKEEEOH79tcwbyPAEnwS0qsxN/XuhLLnH6YqbH0FYGHUPcUNtJpTL+gnlsjShxNBtwX"
    "zmJDW/PWp+O9JVuDl918cqlNJReJuj8GLEGDeay0jXB8MX5VTAet/h8NqHUz/s1fXh6HKe"
    "qmm94oVWKoWmi07qopNj9IW0KzpZ7w2p8E3rqn8dyyT2Uk8y9PwoXU5S2P6Gi9wlov7a9n"
    "ZE7Ib39j7pTCXMhvRQvuVv6BvEmHQLlpyUmbPTJj+lJbYrdNKGGwu7XIHfyBIwUbrxHnkM"
    "mBRyrYm8bvlVllCxmQ8gvQtc8TTJUo+CfQcyYxfI1DtAUZgXXi4lOcQFdDFJFcuv8HHS2Q"
    "2UlVHQs/mylR/oZYMf6GXZD8SftG4uA1pJUB/IWXAonnoQZ4F4b3RTRioxDnUo5bvpXLli"
    "t6IVY5t79k3T6fIrPVesGAEXcjzMc5cw5kNHh6uJqmbpFeNr27D0sSG3hdoLotrPPB5aPt"
    "RziT4+TLD31fUnMVL8ynDv9OS0iUiBtkEz7doVyIWOAxgBEMgO5T4ZU/7HNtfAo+TBthCV"
    "7IY8PQVr8si781n4yQ3MdfjJZgDhyn05BrtKG0alIQZdUyrjpFTYWrxIOi5bckJ60dK+KF"
    "w9pI1F4f70mMazVhfiLyujhPFdSGloldHQkNBQYv3k26ALwomAgvAOwqt6AeUDvRN9nRHZ"
    "Y5gqRZ7zNBRnN/Q4djga2Hwy3C60UV5IFzstU0eMrVg3TDMSGtAyoDb2AsYX1PcId0G1KK"
    "ZJziKwJGBbIVuS09AWoTX5Os0I/Iql7Vtk2i506kKWU7EiKRPKnUTyxwZwA3pv3725fn91"
    "8+zl6TRc5Pq/O3YY3ZXd7a80dk3SzcOdEVFwIdZ/Wpx0yRmmA/2aVMcGT14qpkLU/R6WvJ"
    "rCr0dfXQp/BG7GsWlbh1wrEHI9rE/ii2AA3xMsZ+MKt0Tm/HSDZyKQZKKbtG0R5Zlg850P"
    "rq6B7AHYONp3j78lLEiB7BE8+3L75vuqQM7OfczxHMut/AKMxdZ8jDAoNxMXAZ+LReKKWS"
    "zEbn/+FESJOKJTue8fx0jsQI59GIYdQR8gaK5F6+kc+0S2WgbWHWLAXCPzHizRij8aAD0g"
    "+gQk0QHEROzLm5RbCvJBxA+Iu/AD15W3xTuRt12/CWDuUQyBLxbp0S6QUbpAkqekvDqp4z"
    "0jgaZFyfHOopW2DF9UFFZ2kfOzi4GdFdG2dTc+qHE+UJUS2svM0Jo4alKButzRnnWgGaYt"
    "GKbzDgyTts20baZts2m34qBryN6HERqTqgKhmdPTxiKhvKHhZlr2Wim0FI+Vi9PZOhhL1+"
    "bsuzYnJU4Nw7+5yl4sO2aqfxL4iM6A+DvH0Pdt8VvYDCQfi9TBYRwBomRvlLPdNp0nI6JA"
    "Scl9p/McYX1JWdMRMdRRBRMv3vzaSza/ZnwCdsMNseOPUf1I3n9UPZJ/Km+NLTKg1xyZGY"
    "g/jeP58dHvHYz/qLUydlFvdj8HxiCrlY+quJT6PM+C2DiSPZXKvY08vpWbZm/0E1dvm62A"
    "m7j/spJ7TqodGbr7fgkfJJZ6ZJgrFko9anSHiaSOBqRhM+RWElmbB3NWVj3YBykQr6N56t"
    "FXN5pHl81UTesxRk1lMw+aGTg2PQ/iIQjB6sE9IPjn26Sz44R2o38gN7TG5hyI0K/xDaS6"
    "2eAaSEfEwJ6BorMlM1Fr58BhnQPMZnXegZo5NxYYs0tgTKtYQSR3QjgR2CPxvKQ2Wgmg9o"
    "Jz/yawxMx4QNSPSsG2pYmLcvsjjF8OBXXPhLFF4apiKV5PFScCO5HEIzN3980Ge5S4Hqsf"
    "0Y2EQ0FSPbrhvM0Ecl4/gZTjlBKahl9XQJfUlO7M8xQ7UA/9/qfvBDz+RHhiw5ltSbaCvH"
    "rYa6JNUy65dppo01rvQrTFT+zyqWv10KKgJtx0rLOOdT48uD3FOldPEj1A/MVHx0gNtUW3"
    "NC9uv7NSFKu96w5B+fhwRWAfdLOb14Fz/3eynFQw6vGpaSOdHm7KZCx5Y+O3qHWLLGjRHk"
    "S5xMsnsLIdhihghAAH0jskyqrSAIscYW7dAAiilMYTEO0CJbapQaLKqsn1LfOUJwWQB7nI"
    "HNsWIJQbXK/AYiH2xuFDf7GQVV5F8rJJAhyJmcR1bSZyqOXOOjJb2lwH+H4KfCIvxqcPKs"
    "5z2ObYhJTaSGRHA7iSt8m7k5vvpB1J8f1XidW+h759D+GY7GLnpxJKeh/6Dpn2IIVVNfTq"
    "udtUYhwRvkpt53KECQlhgfuOCoikZiD8P8dRvY1ZXHgjTUSw0kwEq5iKUHyVHeYZkjVCOn"
    "iUkvY69aDkSSK4wmSrRTJuroEsAglXK2QyVLFIqd+oKCOiAS0CGi1huyz6MiK6frrOsDhc"
    "hoV23tRPE8dJ42vnzZ9R69p5o503qgCrnTfaeXMU6O7svBk01D/k3989IHn/5WD/7PlpG/"
    "8ESpq22kDOsfkfsgIQRB185wOxKBDHXwGxiQkFKw5gwJ9+8MxH2PKngHgI838nJyffA35H"
    "/CBYI4qqN4/r/QptXAIxGnrbuFFV5at3FNzzH9/FTRC3V9BJ0H/kq0C9i4sgbq8dBL07CL"
    "QpX/8UHKdR18aUz7+OWlt0OSltdTRbHRFaPSyI36Q9HSewm9fEuZE1wgXxjV29lXL2dKvl"
    "cPyy6jf9tVCdX97kTsX5deRJ35En8n+HBWXcXsEFpU4o0QuZnhYymkLVFOoYFzS71vrOBm"
    "i7S0T9te3tGKMt1ijvk84Uwn7QMO1r1yOU1QRqpydbrf1s2bw9F/rm8y8glHmVxDdjCywW"
    "YqcoQ8QqiQDomojnJWTmuhjxXEmI9n+ZOf6NLMXXwEV+fVS1lNVR1ce/tl3ZDjI8WLXJVP"
    "0CNyek4Cr35Yu2dSEbC0OWN9Cl9p2NoWN0tShKggoUeM9DftEK8YsGwC+qi+noEOojC6EW"
    "NEvX6EpbR1fm5vuMvybwHNsUZYs8wj9UOPnbPQxV/ezxsfDvw3Vvl4dCyMyA+DvHYRjbLN"
    "qic45lDOkMJKGk3d8Qrd4PDW+HUllmvgiNSmq19a1lRLR7rXf3mkzNMMRCuqyT5nyOREiH"
    "zpf2kZTGSqdchKyIBrQIaBSf2wHPjISGs7TfCX9beJ3gzEhoOItwpuvKlmimAhrMIpgJp9"
    "MBz5yMhrQIqc492mfuEUXiTd6ZbSqIqYD8fugm7VetV4C6flWd66Wa1mOMdK6XzvU6dmB1"
    "oILO9ToKdEed61UICKmIbyiHjNQHOUj3iZtv3HOMazGGNo6wLka65tKtdILVOBOstF2h2g"
    "pTJ54caG2ZnRe3RLYf57c68G7O60neQv0k99wM6GUdw0KoPM5arDR1BpUCGVTXFnI9whA2"
    "nz4hk9D8Iqy2UeNi006bGzRtvzGq9naNAMT+oyxGLENSVzb1WVx/OIxrhSAxir7zwWKRub"
    "fnfMgtFqJUMMEIUBKwiiIDQ1xkjuf4n1SEzYqqybJTnyPIhwK/UlRoGfryuOgX2OJyAhc/"
    "is29R0/A9gFGD/y2fMYfIAusCJ1j2ZytIRcgjiOjcs37qYwAlqdCiTBo15f3zm8IiM+8y7"
    "rg3UI+mvwN4gMX2S0vTa/P97U+T3TW2sMSCygYyztIxpp4GDrgGzXX6LZDN5ptjTX0OzoK"
    "83IK4n153gLuy/NatMWpqhhpjqLVJa6gILW/yILhJ+/+4jWi3eXKsNaHdGZl9h/TeRh7Th"
    "dH0RxVrt32HBX65tm8ty20npfcj9b3uTI9EiVXuLrLWtYOWe2QHSORs2vm+JBUzseALcm3"
    "eKOvChon32DaROEQ2dRwM21b7F4l8ooZAWu57VNIrsh0NUD4wJFfs4yIpDUeKWFIECJ8RZ"
    "8mH5dpmz47F3SNoIEocuATcCFXqcinFt/komCxeCX7u/r0P/KqtiXIGV+CIwkb2ZTfWMr0"
    "UPII2KNtojl+BoFJuXkClog9IoQBwuF9ihsXF+OC38cHQ1JIXET8itbZ1um9StU8QFs+WL"
    "pk5XgZG67jzjnBWRkFLd2XbWNim0Jii8YupHedNriK248jvU5cT5n0OvFO66aMVGIc6lAq"
    "21HMJlXvgOb5p/ItsOXsc9jXwP5YzW4o56UUzH04/bHNNH/6Y/00L84VpvnsmqcEdjMRUJ"
    "RVkABSiQvQPF/9g6Yuz5c3cbpoPS/Zg9ZHNrseiZJbPduQG+Sux7rUX8iK6HTXyo0LO+e8"
    "5qVUWILsI/G1xKsehve78n1UWf46PDFt4vlg0mQzvYeB7fI7iOOT2JqS4G4tCazF4jM/yE"
    "+KWoQW9ERJQUF3+Yg+iFAmSlxAAgrIIwZfPt1U0Hs9d65LFh51yUKf67PKJ9GyqlsiPWbS"
    "bBJ4DoGWKFgl/s9xQB3+hTpzDO0ZgHbxIWlHqfVdtEqEriLMQgwrFVIfu56VG7MqxsRf+v"
    "a/O0XpRM11eE5VqZ81PL247DJqUwkFx+sQkWXyxWx0DJYsiCkI9VmrqeGsYWo407VlD413"
    "uI4w+Cu5iy2Vl9K2VPciQh5f0XsVtE895qmExltvGK8J1lbJvmMoJ3M8T56uJqODF8cNri"
    "LVZMY5JexYTIbfBfjw5ebmULGh71xoO7fI9cQO2pMKrjjfYNrEGSPR1GDZti1iQ+P2r8Bi"
    "kQzExUKmvfJ7Femuku0VEZKI8aYmAiZk0CF3VdGgu3QXx39GFBVw7Afki8TdmelA358tYh"
    "x+QdTnP2Ahwjt9caWH6IC8jugeB6KkjtiwnH+bYzOgVPQoUoMFRW2RgIPmx8m/hOPh2j6z"
    "zef82mFj8wkwco8weLZYXK+evxe77iwW32/NYmcq/GkW+8AsthNUFPtvoEWi9r3YMCOKtR"
    "qEJ9U7dg4by5a9sxLM9ZZ4QUwBomnv1jgH5o7QToRqVkYByPPD+7zN6D6vH9znpbFt+4ZH"
    "SRng14Q4COKat2AiVEB4yaWGgjg5st+B/frjx5vcwH59XRy5X96/fscnbYk6b2SH69wKH8"
    "zxbdBlUbhiHcd2KDQD8t8ce3zdZ/trsfFW8rG4im03tbea2TvsvRUtYTu4GDMS+/Myvhxq"
    "aunbxRiy/bE50pHxqZbWfJrmpzU/rYvcq6b1iojgUpH75G25hd6Lsjr0ezyKLj/fITm6jZ"
    "7zklrLY9ay9jIOtSoagZdRGVxH6GQcJ7bax3jcPsYSD1DBzLyOJH/6+RPiVmm16R/hXfCU"
    "HeFaug77P4Z0xxZhq3DIViDb1iVrZBibza7Zj1jUsBGZNIJsQ8KXCTPu1bDCcGRSnYBPSA"
    "Tvito3j9RmwrXJWzyC6IplT23vvVfWM846o0OXrC5kfBxlcSJtlTRQC38qoFMeKvhI7RYd"
    "1i3qIxmU0KmqTVZGV3zdoYINn/CrRnc98omALifUuzIoCnN1DZGA22ECL8ltNY+PbAXf9z"
    "SuXR71UB8n+a1D8g9Jlm3pn+3PMTu2p2gQrixrhu1I5JTikY8T342UTmGEabpsVHTZoGVb"
    "ELXN9aSqbkt4ZtpYuCVt0+s+rruwJn8WymTHVV49GVIbm1Vvv9cHZylhwl9ctDHhLy7qTX"
    "hxrlA60vO6IBw1VxDdQeLyo6SaLlZ6RkTTIx0t8oPWIPvj/wFWDKon"
)
