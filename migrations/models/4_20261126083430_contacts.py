from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "contact" (
    "id" UUID NOT NULL PRIMARY KEY,
    "email" VARCHAR(320) NOT NULL,
    "first_name" VARCHAR(200) NOT NULL,
    "last_name" VARCHAR(200) NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "attributes" JSONB NOT NULL,
    "tags" TEXT[] NOT NULL,
    "consent_source" VARCHAR(60) NOT NULL,
    "consent_at" TIMESTAMPTZ,
    "consent_ip" VARCHAR(64),
    "consent_text" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "workspace_id" UUID NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_contact_workspa_ce258b" UNIQUE ("workspace_id", "email")
);
CREATE INDEX IF NOT EXISTS "idx_contact_workspa_124237" ON "contact" ("workspace_id", "created_at", "id");
CREATE INDEX IF NOT EXISTS "idx_contact_workspa_26100e" ON "contact" ("workspace_id", "status");
CREATE INDEX IF NOT EXISTS "idx_contact_tags_7b19f2" ON "contact" USING GIN ("tags");
COMMENT ON COLUMN "contact"."status" IS 'subscribed: subscribed\nunsubscribed: unsubscribed\nbounced: bounced\ncomplained: complained';
        CREATE TABLE IF NOT EXISTS "contact_event" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(40) NOT NULL,
    "data" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "contact_id" UUID NOT NULL REFERENCES "contact" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_contact_eve_contact_71e794" ON "contact_event" ("contact_id", "created_at");
COMMENT ON TABLE "contact_event" IS 'One line of a contact''s timeline; later features (sends, opens, ...) append here.';
        CREATE TABLE IF NOT EXISTS "contact_list" (
    "id" UUID NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "workspace_id" UUID NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_contact_lis_workspa_bd6157" UNIQUE ("workspace_id", "name")
);
        CREATE TABLE IF NOT EXISTS "list_membership" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "contact_id" UUID NOT NULL REFERENCES "contact" ("id") ON DELETE CASCADE,
    "contact_list_id" UUID NOT NULL REFERENCES "contact_list" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_list_member_contact_94e783" UNIQUE ("contact_list_id", "contact_id")
);
CREATE INDEX IF NOT EXISTS "idx_list_member_contact_c34dae" ON "list_membership" ("contact_id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "contact_event";
        DROP TABLE IF EXISTS "list_membership";
        DROP TABLE IF EXISTS "contact";
        DROP TABLE IF EXISTS "contact_list";"""


MODELS_STATE = (
    "eJztXW1z2zYS/isYfbl0RvEksq3klJubURK3devYvcS5dhplGIiELNQUwJBgbE0v//0A8P"
    "3VpERKFI0vtkRiSepZANx9dhf4e7CiBjKdo6mFf0XrwQT8PSBwhfiH1JkhGEDLio6LAwzO"
    "TdkUWli79RvNHWZDnfHDC2g6iB8ykKPb2GKYEtF4Cu6ofetYUEdg+ts54IIT4CzpHQGU6F"
    "zAYdRGBoAO+PDz9OnodDwENtLpDcGOuCGYrwFmDrBstMD3R+KmBtX5XTG5aen6LsFfXaQx"
    "eoPYEtn8Lp8+88OYGOgeOcFX61ZbYGQaCRSxIS4gj2tsbcljHz+ev/1RthTPPtd0arorEr"
    "W21mxJSdjcdbFxJGTEuRtEkA0ZMmIAE9c0fVUEh7wn5geY7aLwUY3ogIEW0DWFmgb/WrhE"
    "F9oB8k7iz8m//UeLNdO0y6tr7cPZtaYNMloVj5BShH9Ip0T0CEyYAOrv7951I0Dk0YG4wZ"
    "ufp++fHI9/kBBQh93Y8qSEa/BdCkIGPVEJeoSy/J/B+c0S2vk4B+1TSPMH3QTj4EAEctT1"
    "A/gCgFqAdLCC95qJyA1b8q/Pnz0rwfi/0/cSZt5K4kz5WPXG8KV/auSdE3hH+HpjoQ7CkU"
    "QzGD/cj3eG8KgKwKNifEcZePkUpS2hs6wDcFymdxCPTypAPD4phFicSkLs6FRcIwPwLx+u"
    "LvMBjiRS8BpYZ+B/wMQOa2u2iM3JcxebDBPnSNxvH9OyQEhceeU4X804zE/eTf9Ia+DNxd"
    "Xr9PwtLvA6pQ7dRgIyDbKsSt7yMwyvUL5akpJp1fiiR8GHQ5zO+Q80roi59kdgiWquz9+d"
    "fbievvstoZ+30+szcWYkj65TR5+MUzoLLwJ+P7/+GYiv4M+ry7O0GsN2138OxDNBl1GN0D"
    "sNGrHJIjgaoJbQugkdprnORnpPyzagef+Ru6L4A1F0gEmppm30jd5upOekpNJyl7UczMXz"
    "tVbPz8kINunydFfBD3o4EbShD1sT2bScApYDK7zzxW2u5xjilQX5R2ojfEN+RWsJ9Tl/GE"
    "j0PL/Rp0p+j1/rMMGNjkYzpw3vQmIj0784Cvy3I+Z5K9MPb6ZvzwYFk0QDEH900CG66FXR"
    "zcyL+fCK/jyH+u0dtA0t0bHFGTqiqSNh2+yp1WiVPgIJvJEQid8injxgAl0Ds7NvSD59li"
    "eMzg5LuULRTkNhw4f4wmKMH2blPmW6a8x74G0/DaB0stJnarF5r/HNOWE1+DxMMn6j3xe6"
    "653fiEd4+s/R6Pj4xejZ8fjl6cmLF6cvn73kbeXzZk+9KJmvX5//dH55nTRcxIFyli9SVl"
    "WSJJLoIdM3rsJDjYt5qHGGh8JWHXC91hsB2zGbvG3yibuttsYnVZLjDRXjm5TqH87HlZjq"
    "4xKm+jjLVBuIQWzWIvpiIt1g+sRtFdOnmL6OUgNVmD7+4qV2Tdc1LrOF29qxOa83dEBvcO"
    "0gG9BNbLcjA/hDgMuPFxeD7MSwOyLgQIGNT4UFoO6LA2DLN/zjIJcB8M8Ny/1/tuQA+M0q"
    "ZAuNnxr4BjMgZMCKW2rIAIwCSAB/HfGR7bwClL9DZc7OLVrzsyIsDrD4ZrG8/KAGrliFe0"
    "Di0rIHuzafhuQPjgWwvlFsKL6hy3xDqMCqHluk8f6xDceV0l6OS/JejrOJL7GRkcX4jLir"
    "zNsgmWQUiXcZ8cE3ZOPFWpPdYwLi32bEgo7D36OGxicexCYg+X1GTHqDyQTIf/wbJrca1H"
    "XqEt42/i09z1XzwCs54CX+d1qhYkqtncqUEOqyIjtDKCmnuhj6/jrV6N7C/GobaD0p2UOt"
    "H4iWK2VVQMbQymI5HGah3RcXedj6a0qfz9q1/kbPT16cvDwen4RGX3ikzNYL7LoE/b7JVK"
    "mSzQ5kwESeVE0NJwSVjrusYwuuTQpz3OHiuE5MRMV1GonrZJjT/ZFQH5DjeAjl8lDB6eGD"
    "VJQTa1mBjXKQzf23pw6fOIAv+gqwJQI6pbcYgSXlvwBAYENi0BVg9BYRcLfkXmpQbSZ4JL"
    "8EbYlslEdQtXOTKpyVjDl7LFIsEbceQaXK25oub5MKru1WJ6VUjZDyqreAvr9etSwscRAf"
    "KhsWpcRke6j5A9F0JSNSESiPQs2q+OgxaFklq6pk1QNPVo15W1VdqJiIKu3qXpJcf4AtyZ"
    "Jz/dwrVctVlsMVG6kPF8mpMsQ2yhD3Q0++Q6s5sp0ltgY57GTs7LCMnFwl2zVaJvcpHMJR"
    "v/uc4gJVTlonc9Jsam6cLhXIdjnFZkDv+GNMgPw3I9BYiewn+W9GvDExAd7/NHFexYxrfu"
    "0mRRoWQ99f0lBZ7spy7yqwynJXlnt3we2y5X4lUgemfj51ju2eOF9qvVOZWxBLzW7agLds"
    "+g0b3jB03PlfSGfKhD8MEz6uuqr0alymy+b7xuxq04UIwZiogXFMpIcQj05Pq7g+p6fFvo"
    "84l0R5xxVS3Y4QtFEgpbzLYvSVd6m8S+UE7c0J2o+JLlHPMc0DbZRtUmFpgepbXXVOJcvu"
    "NVl231XbHUqRbcUkUXttxKIJ1cIJZfGEbE18UABeN987I9g/G7s9J0aTVfl4I1M79wIqeb"
    "DLyYPhWNGXkNxspPWCSyi9d1nvyp8unmn75U/XqFWMld57G9nllN6/9iV//PU9MmHBqsKZ"
    "LfMOrAsU+YbJ5QmiBby3xSmxZPhBTorlUPm1m1vDlKhn7WOfipLdtsQqmV3XR6gSkcUt0U"
    "rHM/uIF7fOmMaW4uW2JVrc82LX8kJ9wqpNsi7KZ8hh7BLJDsW0XSK/QvF2/eXtFK/UMq9k"
    "woK9MyostOjL7g7rwcJGqGYHljL8YvzvjFg2nQD+Z7AR/ipLWPmdyu/cu3Gi/E7ldyq/sx"
    "NQQazZiD+us/XoO3/vXaevSCmPswZWlDDuz22Lk3eVnoOkifUKm0HqosWVD/tGYkTzVd5a"
    "g/HJrCT3KJw8K7EYgyuCgA5NU25LAeQFJ2KBvyH/g/UlCNLBASSGd3oIlvSOX85h3qeVqy"
    "+9T5gBxNVlZBcabO0u2+7MqQoXOlm44L3TaiamJoTU9lPfU/an4/BZpyakSSmFaYrnUuU1"
    "7ZfXyLdBHYRDgR7C+7wSXfu8hK59nkPXlm2NU9CL97EdzsBGlrluK9TQdj/m9jIi+lpb1d"
    "ltISm00X4LHZt5m95xgbEFq4dpTEIBmgUUE8tlmlzRuQ6qaTG1N0gaWOqyjZDNyClo09Dq"
    "3E7TXCfHtH2LdLyCZkHAKyaWDnd5cke+/KEBXILe27M35++mF0+ej4aeket8NbFXcBW810"
    "4yLy/eB3VaL2geE+mhIdZ83BbZNrU13YROzuRQUlKUFOtfIUYrJq8Kkhej368guVr76fHs"
    "bd5RcA96oSIRGHznsYCDnKhE/PSwLC4hQ5WrWMs28ys/JbngjQl/lXrZdOpl7xcVFXX/Ey"
    "D+zgi3ybD4LWwCwo/p0NiekgQpYbnL7l+j+wI3NCayQ8pvD737+uyP64RBk9nDLjRqLq4u"
    "fwqapze2Sy0SxSBzCwz7h3t+JL1D6Ln3ZsmXUM0RYCFicOgnwP8wE8AjuJLHwo8zElx/Ao"
    "JPM7KA2ESGeBzxf0buMFsuOTITEHzqxvhx0NcaDI7fWvE2ad6GA6PRxcJBeckmxdttpsS6"
    "seWmuN9Bb7mZQ0ZwM24DLsKX6h8VMa4yj4yL55FxPulT5y0cCvQB3V2/hPcSr+8Y5j0L13"
    "ca3Xai9X6H1DBDq1wi6+HOHJftH+yt1LQpxrgY/f4yxq5lbKj1pKTSele0HmAUU3smC36v"
    "2add03MrEQIWlppsGR7oZd3KMBUfSHStrgUHfPQLYgORbh4IDUQ9ouXIQDrYEpuoVXBgv8"
    "EBhllRdKBgzg0EuhwS6JIVK4jkWgiHAjsknuc2RgsB1E5wbmFDCIGZWKQzqGeuShOn5XZH"
    "GD9vC+qGCWPDhoscU7yYKg4FtiKJO+bu7poNtmy6slhxjy4lHFKS/aMbTqpMICfFE0g22z"
    "Kkafh9BXRhpW1tnid9gf6h3/z0HYLHR4TFb52fLVYB/JR8/7BXRJuiXBLtFNGmtF6HaAtG"
    "7Hxdk2zLCCrCTe1zq3Kd9w9uQ7nO+ZNEAxD3fCutzLxYly3OLBjRwLpSsfzwnsDe6ipAwR"
    "JTeYx6tPpUCZ0ea9TwVsCJyc7bzCq9E3DpcjtDyY1ziWwrP8X1sxj5EVD8V93IgwN0b9nB"
    "WoM+gj44/gMHHe+nc0mAoHv+y8V3r7crVv/R7pK2b/O9/X3SFth2mFZ3VeukVA9y+ndATp"
    "hwA6ATQgrnqnGqAyuXcNy5QHOOjJq4xyQnIPo8Iy6Jn4l/m5E55e8Fcdj/4JdTcB2Jg9Hn"
    "wUYabbpcAjJ+/7nL8qzJ4thNUqobWf7itr3J8pfGVUYhU9uG64J4uy+Q0sVjKbUQWeafPm"
    "dL6RxEmOZQ185jAYrfC1nJHU5X3P1wvXVNDrFuIoBugyBBQlJtodgddjgbFAh05S11XndY"
    "eVL9i7qNT6qMppPi0XRSNJoYd5qzSJeWBCfk+oD1rmuSVLizuNsfZuBLhTsfo9arhDtVTE"
    "7F5LoQvhg2vP5QjOttYM8kP8hRddekQwE9ySNyD1ZrbEsgscdGP7cF2kGczetnxcG2sB8+"
    "GHHzdgyrFHeTG2KYmP+hCwCBf4F/OEC8tMXxV0As/WyDBbfxXD7xgSfc0jacIaAWIvzf0d"
    "HRD4A/ET8IlshG+VtuNH6HKgU2ARpqs40D2Wzjlv/4Og520L6H4bnmc7kF6nVI76C9orsb"
    "p7uVq108Cg7T6ariaidfR5UTTBNSyuEqd7hiKUdbulv9219vmE7RS/SsTlVzx3bsK7aHgw"
    "39HjaHg5dVq1lo8iHTSWgq42uvGV91E2R2nxujSqSUIXNohoxijxV73EWDpjn2WBGieyVE"
    "U6jlmIBZXIutwBTF3YYhmDY0AzckW5MQM7oVC9lNFlIZNY/RqFHsTAu1v/F5cUNkY6IK3k"
    "rkV/gWaoYBu2iR6e+A0ZjTzypUAiuasQc045XL5vS+ZE+pZINSI5PKprX2lRpMwV90DhgF"
    "S0gM8Z8blIDr1kWA8k4jv/JLEAd6NBxbQgbubMoQwIwLOaK8ZoUZ7zLZqHuTF5+RGbnm7W"
    "3u76zBCnI3C3z5Ir9Ja+fLl1fyetP3/5F3xQbADnAkOEPgUE+QP5hs5XCQgU3vALvDOpqR"
    "JxDoNnSWYI7YHUIEIOI9p3hwcTMu+ENw0JGXEDcRv6JyKkD0rFI13yCWw0olA3TXDOc6rl"
    "3gGJfpIYfbyjL+0M6rvSophrNzS6/UZjfb5wWId1o9ZUQS3VBHr9I0xGxSb8W9SKKZ2We/"
    "r4H240c24r+zwDUsRjkp1Ydan9Q0P3pZZZofvSye5sW51DQft3kyYJfzWmnZHjJbB8JkVa"
    "tWVATmIyQwky5OHa0nJVUlcpfHNuQO+crKq2wpdEvjImrnz/RC7nJNnNq7Hyal+mCC7KLc"
    "OMNd74f3myIb68tBDuHnnxmWMX0watPm/jC1WKnHQkltOeqLyaYNdhTYdiuBzplGSXfv9L"
    "SKu3d6WuzuiXMpH8SqtX6G37yH6LZC5IlAi1/2V5U+ionsnj/az8usMaZory+z7/8HRQBQ"
    "yw=="
)
