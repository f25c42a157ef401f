from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "asset" (
    "id" UUID NOT NULL PRIMARY KEY,
    "source" VARCHAR(10) NOT NULL,
    "content_type" VARCHAR(100) NOT NULL,
    "size" INT NOT NULL,
    "sha256" VARCHAR(64) NOT NULL,
    "storage_key" VARCHAR(300) NOT NULL,
    "original_name" VARCHAR(300) NOT NULL,
    "source_url" TEXT,
    "prompt" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL,
    "created_by_id" UUID REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "workspace_id" UUID NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_asset_workspa_2862f2" ON "asset" ("workspace_id", "created_at");
COMMENT ON COLUMN "asset"."source" IS 'upload: upload\nurl: url\nai: ai';
COMMENT ON TABLE "asset" IS 'An image stored through the ``Storage`` adapter and served from our own URL.';
        CREATE TABLE IF NOT EXISTS "email_template" (
    "id" UUID NOT NULL PRIMARY KEY,
    "slug" VARCHAR(100) UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "description" TEXT NOT NULL,
    "category" VARCHAR(40) NOT NULL,
    "is_pro" BOOL NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "version" INT NOT NULL,
    "source_template_id" UUID,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "published_at" TIMESTAMPTZ,
    "deleted_at" TIMESTAMPTZ,
    "created_by_id" UUID REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "workspace_id" UUID REFERENCES "workspace" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_email_templ_workspa_c2f1fc" ON "email_template" ("workspace_id", "updated_at");
COMMENT ON COLUMN "email_template"."status" IS 'draft: draft\npublished: published';
COMMENT ON TABLE "email_template" IS 'A template; ``workspace`` is null for the marketplace catalog.';
        CREATE TABLE IF NOT EXISTS "email_template_version" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "number" INT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "sections" JSONB NOT NULL,
    "theme" JSONB NOT NULL,
    "restored_from" INT,
    "created_at" TIMESTAMPTZ NOT NULL,
    "created_by_id" UUID REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "template_id" UUID NOT NULL REFERENCES "email_template" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_email_templ_templat_d02ab7" UNIQUE ("template_id", "number")
);
COMMENT ON TABLE "email_template_version" IS 'One saved state of a template; never updated. Restoring writes a new version.';
        ALTER TABLE "workspace" ADD "sender_name" VARCHAR(200) NOT NULL DEFAULT '';
        ALTER TABLE "workspace" ADD "postal_address" VARCHAR(1000) NOT NULL DEFAULT '';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "workspace" DROP COLUMN "sender_name";
        ALTER TABLE "workspace" DROP COLUMN "postal_address";
        DROP TABLE IF EXISTS "email_template_version";
        DROP TABLE IF EXISTS "asset";
        DROP TABLE IF EXISTS "email_template";"""


MODELS_STATE = (
    "eJztXW1z2ziS/isofblMleNK/JaccnVVTuKZ8Y4T7yXO7NZGKRoiIQlrCuCQoB3f3Pz3A0"
    "BSfKcJiZQoBF9siUSD1AMQ7H66G/3naEkd5AaH5x7+DT2OxuDPEYFLxD8UzhyAEfS89Lg4"
    "wODUlU2hh627uNE0YD60GT88g26A+CEHBbaPPYYpEY3PwQP17wIP2gic//0ScMExCBb0gQ"
    "BKbC4QMOojB8AAfP71/PnR6dkB8JFN5wQH4oJg+ggwC4Dnoxn+figu6lCbXxWTeU/9hwT/"
    "ESKL0TliC+Tzq3z9xg9j4qDvKEi+enfWDCPXyaGIHdGBPG6xR08e+/Ll8v3PsqW496llUz"
    "dckrS198gWlKyahyF2DoWMODdHBPmQIScDMAldNx6K5FB0x/wA80O0ulUnPeCgGQxdMUyj"
    "/5qFxBajA+SVxJ+T/45vLdPMsj5e31ifL24sa1QaVXELhYGID9mUiBmBCRNA/flX1G8KiD"
    "w6Ehd49+v5p2fHZz9JCGjA5r48KeEa/SUFIYORqAQ9RVn+L+H8bgH9apyT9gWk+Y2ug3Fy"
    "IAU5nfoJfAlAPUA6WsLvlovInC3415cvXjRg/Pv5JwkzbyVxpvxZjZ7hj/Gpo+icwDvFN3"
    "oWVBBOJbrB+Ol5vDWEj9oAfFSP71EJXr5EWQsYLFQAzspoB/HZSQuIz05qIRan8hAHNhV9"
    "lAD+2+frj9UApxIFeB1sM/B/wMUB62u1yKzJ0xC7DJPgUFxvF8uyQEj0vAyCP9wszM8+nP"
    "+zOALvrq7fFtdv0cHbwnDYPhKQWZCVh+Q9P8PwElUPS16yODSx6GHyYR+Xc/4DnWviPsZP"
    "YMPQ3Fx+uPh8c/7h77nxeX9+cyHOHMmjj4Wjz84KY7bqBPzj8uZXIL6Cf11/vCgO46rdzb"
    "9G4p5gyKhF6IMFncxikRxNUMuNugsDZoXBWuNelO1g5ONbHsrA78lAJ5g0jrSP7undWuOc"
    "lzSjPORRTtbi6aOlZueUBLs0eYY7wE9aOCm0KxtWEdminAGWAyus89ldpeW4wqsM8s/UR3"
    "hOfkOPEupLfjOQ2FV2Y0yV/CPb136Cmx5NV04fPqyIjdL84ijw345YZK2cf353/v5iVLNI"
    "dADxlwDto4neFt3SulgNr5jPU2jfPUDfsXITW5yhR7RwZNW2fGp5tCwegQTOJUTit4g7T5"
    "jA0MHs4h7Juy/zhOnZg0auULSz0KrhU3xhPcZPs3JfS9M1Yz3wtl9HUBpZxTNKbN5bPL8k"
    "TIHPw6RkN8ZzYbjW+VzcwvP/PDo6Pn519OL47PXpyatXp69fvOZt5f2WT71qWK/fXv5y+f"
    "Emr7iIA80sXzpYbUmSVEJDpu+sDQ91Vs9DnZV4KOypgBu1XgvYgenkfZNP3Gz1Lb6okgpr"
    "qB7fvJR+OB+3YqqPG5jq4zJT7SAGsatE9GVEhsH0icsaps8wfQOlBtowffzFS31F0zUrs4"
    "HZOrA1Txs6QBtcB8gGDBPbzcgAfhPg45erq1F5YdgeEbCnwGaXwhpQd8UBsMU7/nFUyQDE"
    "5w6a7X+24ADEzVpEC509d/AcMyBkwJJrasgBjAJIAH8d8Sc7eAMof4fKmJ079MjPCrc4wO"
    "Kbx6rigzrosQ33gETXcgaHPl+G5A/OOLDuKXYM3zBkvmE1gG0ttnTE9WMbjluFvRw3xL0c"
    "lwNfMk9GGeMLEi5Lb4N8kFEqPmTER/fIx7NHS06PMch+mxAPBgF/jzoWX3gQG4P89wlx6R"
    "yTMZD/+DdM7ixo2zQkvG32W3Gda2eBtzLAG+zv4oCKJVU5lCknNOSBHAyhZIzqeuj1NarR"
    "dw/z3tYY9bykhqO+J6PcKqoCMoaWHqvgMGv1vqzI09pfV+P5ol/t7+jlyauT18dnJyulb3"
    "WkSddL9Loc/b7OUmmCzfbkgUktKcURzgmaMR7yGHvw0aWwwhyu9+tkRIxfpxO/Tok53R0J"
    "9RkFQYRQJQ+VnD54kooKMi1bsFEB8rn99jzgCweIRd8AtkDApvQOI7Cg/BcACHxIHLoEjN"
    "4hAh4W3EpNss0EjxSnoC2Qj6oIqn4u0oazkj7niEXKBOKqEVQmva3r9DY5wMpmdV7K5AgZ"
    "q3oD6PW1qmViSYD4o7JmUkpGVsOR35ORbqVEGgLlhxhmk3z0I4yyCVY1wap7Hqyasbbaml"
    "AZEZPaNbwgOX2AbYiSC+PYK5PL1RTDlXlSn06SM2mIfaQh7oae/ICWU+QHC+yNKtjJzNmD"
    "JnJymW/XaZrc19UjnM67bwUu0MSkDTImzafu2uFSieyQQ2xG9IHfxhjIfxMCnaWIfpL/Ji"
    "R6JsYg+l8kztuocd3v3WRIw3ro9SUNjeZuNPehAms0d6O5DxfcIWvu1yJ04DyOp67Q3XPn"
    "G7V3KmMLMqHZXSvwnk/vsRM9hkE4/TeymVHh90OFzw5dW3o1KzNk9X1tdrXrRITkmVDAOC"
    "OiIcRHp6dtTJ/T03rbR5zLo7zlDKlhewj6SJAy1mU9+sa6NNalMYJ2ZgTtRkWXqFeo5slo"
    "NBWp8Kxk6Hvddc4Ey+40WHbXWdsDCpHtRSUxtTYy3oR27oQmf0I5Jz5JAFeN9y4J6qdj92"
    "fEWDIrH6+lald2YIIHhxw8uHpW7AUk87VGvaYLM+5DHndjT9evtHrZ0wq5ipnU+6iQXUXq"
    "/dtY8uffPiEX1uwqXCqZt2dToM42zG9PkG7gvSlOuS3D93JRbIYqzt3cGKZcPquOcyoNdt"
    "sQq3x0nY5Q5TyLG6JV9GfqiBfXzpjFFuLltiFa3PJiN7IjbbGihEGbWXjpUX/TyXUpO/kb"
    "neqKFtf/0cavQNGHpm8/sSUR//1VVRdVILoQ1vVN3JfmUAkSoQONIUHr96g3jUDr07WQRl"
    "9V+BdyoVn1ToZcNJjxMujrZTAseM8suAtrKv202BY2lt0e1qOZj5DiBJYyvDP+d0I8n44B"
    "/zNaC/+ucxoCxH+rb6nO8YLYFuHva+3YxkTn6w50rXjncSV/T0lSO8Rfvmhbzb6xnL0Jqz"
    "I0sKGBDQ1saOBhA2Vo4PaPH7Z8xG832Pjpu/wU9aMrUoYAViaAN8Up6kVzkCyxfXA3SF31"
    "uBHxUNAyPoVWy/oWfQp7CZBxKjRC1Sc/nmoKVZtuZ9WIhiD8ldrSiiAfXRMEbOi6sj4bkB"
    "2OxU7XB/wPthcgyYsEkDjR6QOwoA+8u4BFn5ahvYg+YQYEQeWUd9zu7Sqblqg3GbyDzOCN"
    "tEnFDK2ckKnD+lfB8gsCvuooQpqXMpgWmGWTZ95/nrl8G6ggvBLQEN6Xbdn6JrJeqUZkzS"
    "zeRV3IkY8893E7fpHu57HQg4n9aC1Vyo7lhdYqPDawlbfr0mOMzZgaphkJA2gZUEy8kFmy"
    "tIkKqkUxUySvCCwN2VrIluQMtEVoba6nWWFQodq+RzZeQrfG1ZwRKzqaI7nDWH7fAG5A7/"
    "3Fu8sP51fPXh4dREpu8IeLo50HkvfaSenlxeegTdViVTIiGipi3YcEId+nvmW7UC1GpSCm"
    "X0ZyLyqvCU+pR1+v8BSzCer29/8xO3bqs2OncMl/iFjAUYVXInv6oMkvIYMElpmWfYbuf8"
    "1zwWsT/iaqv+uofu131xcbYI2B+DshXCfD4rewMVh9LLrGdqNsipiByvpTN+h7jRmaEdEg"
    "CrpJq7n4501OoSkVc14pNVfXH39JmhcrPBcC/hlkYY1i//TMT6W3CD233jz5ElJ8AjxEHA"
    "79GMQfJgJ4BJfy2OrjhCT9j0HyaUJmELvIEbcj/k/IA2aLBUdmDJJPw3h+AvSHAoMTtza8"
    "TZG34cBYdDarjsiprztfEBtG7Xlxvb2uPV9BRnA1bg0uIpbSj4o4a7OOnNWvI2fVpI/KW3"
    "gloAO6234J78RfPzDMNXPXDxrdfrz18YS0MEPLSiLr6cmcldUP9l6ySA1jXI++voxx6Dlr"
    "jnpe0oz6UEY9wSgz7OUQ+F1Gnw5tnHvxELBVkteG7gEtM8YOCv6B3NQamnMgRr/GN5COzR"
    "OugXRG9OwZKDpbMgu1cQ7s1jnAMKvzDtSsuYnAkF0CQ9JiBZGstuNMIrBF4nnqYzQTQG0F"
    "5x4qo7HMRnMqNHFRbnuE8cu+oO6YMHZ8OKtQxeup4pXARiTxwMzdbbPBnk+XHquf0Y2EQ0"
    "FSP7rhpM0CclK/gJSjLVc0Db+ugG6VaqvM8xQ70A/97pfvFXj8ifD4paujxVqAX5DXD3tD"
    "tBnKJdfOEG1m1FWItuSJnT4qkm0lQUO4FZZRE+tsYp2HyGW2i3WuXiQ6gFjzmrKldVGVLS"
    "5tGNHBjm6Z+HBNYO91F6Bkc7cqRj3d962BTs806pRK/5pf7KKqrt9Utts5kNw4lyi3ikNc"
    "v4knPwWK/6q5PDhC3z0/2eUzRjAGJ77hZOL9cikJEPSd/3LxPZrthtX/YcsF71p9779g8A"
    "z7AVPeTD4vpUFM/xbICReuAXROyODc1k+1Z+kSQTgVaE6Ro4h7RnIM0s8TEpLsmey3CZlS"
    "/l4Qh+MPcToFHyNxMP08WmtEu06XgIxffxpWbipZ77vJSw0jyl9cVpsof6lclQbk3PfhY4"
    "2/PRYojMWPkmohosy/fiun0gWIMCugoV/FAtS/F8qSW1yuuPkRRvua7GPeRALdGk6CnKSp"
    "JT4cdrjsFEjGKioyoPpYRVL6ed3OTto8TSf1T9NJ3dPEuNFcRroxJTgnpwPW285JMu7O+m"
    "m/n44v4+78EUe9jbvT+OSMT24I7ouDjvcfynC9HVQri50cbeuV7QvoeR6RW7BWZ8W4RHUb"
    "PQtybcHPFs2zemfbah4+6XGLavW18rvJghgu5n/oDEAQd/AfARAvbXH8DRBbP/tgxnW8kC"
    "984Jmo/RocAOohwv8dHh7+BPgd8YNggXxUXXKj8yu0SbBZ1SMyxTb2o9jGHf/xKgZ20l5D"
    "91z3sdwCdRXSO2lv6O7O6W5jatc/BftpdLUxtfOvo9YBpjkpY3A1G1yZkKMNzS39KlseFE"
    "P0cjNrUNncmVqZ9fpwUkrzaXU4eVn1GoUmb7IYhGYivnYa8aUaILP92BiTImUUmX1TZAx7"
    "bNjjISo03bHHhhDdKSGa1v6u0P5yhcGf1v2iYuTtudB3n38HkcwbYNOQwyBLAd/e+vQhsB"
    "xK0O0tgD4SoY1LzPhAyh2hAYL2AkwhE8WBA1FbmD/mDPqsHPnY02Um5N90Kr6GS8Q7mwlK"
    "lauqQAT9ZnqRstuvWGx026512xl2keVBrtwpKLg5IQ213Jcv2u502rjVabnsmI/nmEBXOe"
    "S+JKhd2P1pK8RPGwA/1SLsnjcN1UPuI6kxiP5PiB8SIusTxB/S6gROWp7AKdYnKL5idhNc"
    "L33Jaot/RsTU9C74a0LPxbbYiMuj/ENFznG7h6Gqn21mo9xFeq9SHgqXGQPxd0KiMLMxiP"
    "5PiNx3fgxW28+rvyFavR8a3g6ljca5EhpvEtfWt5YRMe61zt1rjDL+whWKdHlM6osx54RM"
    "hZRSNWZprKCK1b0+OCIjYgAtAhrHzyrgmZEwcJYq+PC3hacEZ0bCwFmEM9UrW6KZChgwi2"
    "CuOB0FPHMyBtIipKZe0TZzg3wk3uTKbFNBTAfkt0M3Gb9q/QDo61c1uVi6jXqCkdl60mw9"
    "ue/AmkAFs/XkXqC78daTfYY2FAJCKuIbyiEj9UEOhew92bjjGNdiDG0SYV3ebjETT2wSrI"
    "aZYGXsCt00TJN4siPdMrsurolsN85vfeB9Oq9n9RbqJrnnqkcv6xAUofI8a6FpmgwqDTKo"
    "rkM2pd+T/c4rtMx8g0Ylk8qm1jLT9slI2nMgglEZBQsR1cr/i0hUGeMEKJ808ivvggQwCk"
    "RgC8jAg08ZAphxoSCNWC1vKNBl5xMyITe8vY9c+AiWkBtmIghXfJPazu3tG9nf+af/kVfF"
    "DsABCCQ4MgJXNuU3JlsFHGTg0wfAHrCNJuQZBLYPgwWYIvaAEAGIRPcpblxcjAv+lBwMZB"
    "fiIuJXtA7RTe9VDs09xPKxMvscDFcN52OsHEialdEzcLedI6XJj1La7dev2la2YZ9fv3JX"
    "2R3FZO1qc9leYrLEO01tMFKJYQyHViFyYjVRKyaYSnSz+uz2NdB/aqyP+O+sMQ2bPOZZKQ"
    "0d5kev2yzzR6/rl3lxrrDMZ3WeEtjNvFZRVkNma0+YrApfaQWVZQjMH5DAzJs4KqOelzSb"
    "rA/52YbcIF96VZt21pqlWRETI1mMkZTlfpQDJfNSOqgg24iWLHHXu+H9zoMAVe6ZFJ04aO"
    "L54KrJ0/QeAXjJ7wAEjPrIAWzh03C+kATW7e1nfpCfFAnsDvREHrqguwLk3/OmM58uAQ19"
    "QB8I+PLpqoLe67hzk+e+13nuTeVsWqQC76CkjfpSNgo9l0JRW0v+n5DQd/kX350QiMcA4u"
    "JD0o5S6zrTUfg7ZJkNgWHlgNQ7PLNyQx6KIfGXAf5flZSRpPn2NKH+mfru8sMW8Oj0TGXW"
    "phIaztfua/cE0YvZukM1qeo1KOfFNIT6uNXScNywNBybDUl2jXekR1j8laxiS+WljC2lnn"
    "nmcY3eU6oFlkoYvE0VMEOwtooQHUIO0v48eSYFaXABoiYFSccUpGEuCRtmIPG7AB+/XF3t"
    "Kjb0Ygmxe4NEYXZ5QyWuON/goIkzRqKpxbJtW8SGJu3fgNvb1US8vRWRleJewYxGW5eKCE"
    "nEeFMbARsy6NJ5VTToJt0l8Z8xRQVcfI8CgAkY2y4MgvFtgsPvyA/4D7gV4Z2BuNJ9fEBe"
    "R3RPQpGHJapc8W8TYoe+L3qkJAr3dGjIQQsAjFpTjscSBwzbz/m1o8b2I2D0DhHwLOK6L2"
    "7g/Pb2p7VZ7ExauGGxd8xiu2HFDnENtEjcvhMbZkCxVr3wpKbMQ7+xbNk7K8Fcb4kXxDQg"
    "mrZujXNg5tRXIlSzMhpA3ndZPBxYnk/LAL+l1EWQ1LwFV0IFhKdcqi+IV0e2O7HfXl9f5S"
    "b228vizP3y4e0FX7Ql6rwRjvTcCh/M/u3q7PhwxhTndiQ0BvLfhHhc78PBQuzWvPpY1GLb"
    "Le2tVnaFDZtjFVbBxZiR2J6X8WVfS0vXLsaI7U/MEUXGp1ra8GmGnzb8tNkZTbdRr4gILu"
    "2MtnpbrjHuRVkT+j2cgS4/3xE5us445yXNKA95lI2XsS+taABeRm1wHaCTcZjYGh/jfvsY"
    "SzzAhrUuC56yPdSl67DvtdhlEbYKh2wFsm1dslaGsWlXADOAIpNGkG1I+DJhxr1KEO8trs"
    "TkHIJPSATvir1vHnzMhGuTt3gA8RXLntrOe6/csDLrjI5csptVZTfb4ohz29gWJx6t0gjU"
    "wp8KmJSHCj7SuEX7dYsGSAYlKO1qk5XZ/r42u1G4+ynytkBVs7se+ZWA2U6o88HwUZSra4"
    "kEXIUFvCS31jo+MA2+62XcuDzqod5P8tuE5O+SLFvTP9udY3ZoT1EvXFnWDNuQyCnFI+8n"
    "vk9SOoUZZuiyQdFlvW7bgnxsL0ZV+7ZEZw4aN25J23Ra/GMT1uRHoUw21PLqyZDa2Kx6+7"
    "0+OEsLE/70tI0Jf3pab8KLc4WtIz1PBeG4uYbo9hKXHyfVqFjpGRFDjyha5Dvdg+yv/wdQ"
    "eQMt"
)
