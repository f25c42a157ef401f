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
        ALTER TABLE "workspace" ADD "postal_address" VARCHAR(1000) NOT NULL DEFAULT '';
        ALTER TABLE "workspace" ADD "sender_name" VARCHAR(200) NOT NULL DEFAULT '';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "workspace" DROP COLUMN "postal_address";
        ALTER TABLE "workspace" DROP COLUMN "sender_name";
        DROP TABLE IF EXISTS "asset";
        DROP TABLE IF EXISTS "email_template";
        DROP TABLE IF EXISTS "email_template_version";"""


MODELS_STATE = (
    "eJztXW1z2za2/isYfbnpjONJ/NassnNnnMRt3Trx3sTp7mzUoSASslBTAAuCdny7/e8LgK"
    "T4ThMSKVEMvtgSiQNSD0DwnOe84M/RkjrI9Q/PPfwLehyNwZ8jApdIfMidOQAj6HnJcXmA"
    "w5mrmkIPW3dRo5nPGbS5ODyHro/EIQf5NsMex5TIxufggbI734M2Auf/uARCcAz8BX0ggB"
    "JbCPicMuQA6INPP50/Pzo9OwAM2fSWYF9eEMweAeY+8Bia46+H8qIOtcVVMbntqP+A4D8C"
    "ZHF6i/gCMXGVL7+Jw5g46Cvy46/enTXHyHUyKGJHdqCOW/zRU8c+f75894NqKe99ZtnUDZ"
    "Ykae098gUlq+ZBgJ1DKSPP3SKCGOTISQFMAteNhiI+FN6xOMBZgFa36iQHHDSHgSuHafT3"
    "eUBsOTpAXUn+Ofnf6NZSzSzrw/WN9enixrJGhVGVt5AbiOiQTYmcEZhwCdSff4X9JoCooy"
    "N5gbc/nX98dnz2nYKA+vyWqZMKrtFfShByGIoq0BOU1f8Czm8XkJXjHLfPIS1udB2M4wMJ"
    "yMnUj+GLAeoA0tESfrVcRG75Qnx9+eJFDca/nn9UMItWCmcqntXwGf4QnToKz0m8E3zDZ0"
    "EH4USiHYyfnsdbQ/ioCcBH1fgeFeAVS5S1gP5CB+C0zOAgPjtpAPHZSSXE8lQWYt+mso8C"
    "wD9/uv5QDnAikYPXwTYH/wEu9nlXq0VqTZ4F2OWY+IfyertYliVCsuel7//hpmF+9v78X/"
    "kReHt1/Sa/fssO3uSGw2ZIQmZBXhySd+IMx0tUPixZyfzQRKKH8Yd9XM7FD3SuifsYPYE1"
    "Q3Nz+f7i0835+39kxufd+c2FPHOkjj7mjj47y43ZqhPwz8ubn4D8Cv59/eEiP4yrdjf/Hs"
    "l7ggGnFqEPFnRSi0V8NEYtM+ou9LkV+GuNe162hZGPbrkvA78nAx1jUjvSDN3Tu7XGOStp"
    "RrnPoxyvxbNHS8/OKQi2afL0d4CftHASaFc2rCayeTkDrABWWufzu1LLcYVXEeQfKEP4lv"
    "yCHhXUl+JmILHL7MaIKvlnuq/9BDc5mqycDD6siI3C/BIoiN+OeGitnH96e/7uYlSxSLQA"
    "8Wcf7aOJ3hTdwrpYDq+czzNo3z1A5liZiS3P0COaO7JqWzy1PFrmj0ACbxVE8rfIO4+ZwM"
    "DB/OIeqbsv8oTJ2YNarlC2s9Cq4VN8YTXGT7NyXwrTNWU9iLZfRlAZWfkzWmzeG3x7SbgG"
    "n4dJwW6M5kJ/rfNbeQvP/3Z0dHz8/dGL47NXpyfff3/66sUr0Vbdb/HU9zXr9ZvLHy8/3G"
    "QVF3mgnuVLBqspSZJIDJDpO2vCQ51V81BnBR4Kezrghq3XArZnOnnX5JMwW5klFlVSYg1V"
    "45uVGh7Ox42Y6uMapvq4yFQ7iEPsahF9KZF+MH3ysobpM0xfT6mBJkyfePFSpmm6pmU2MF"
    "t7tuYNhg4YDK49ZAP6ie1mZIC4CfDh89XVqLgwbI8I2FNg00thBai74gD44q34OCplAKJz"
    "B/X2P18IAKJmDaKFzp47+BZzIGXAUmhqyAGcAkiAeB2JJ9t/Dah4h6qYnTv0KM5KtzjA8p"
    "vHy+KDWuixCfeAZNdqBgdMLEPqB6ccWPcUO4Zv6DPfsBrAphZbMuLDYxuOG4W9HNfEvRwX"
    "A19ST0YR4wsSLAtvg2yQUSLeZ8RH94jh+aOlpscYpL9NiAd9X7xHHUssPIiPQfb7hLj0Fp"
    "MxUP/EN0zuLGjbNCCibfpbfp1rZoE3MsBr7O/8gMolVTuUKSPU54HsDaFkjOpq6IdrVKOv"
    "Hha9rTHqWckBjvqejHKjqArIOVp6vITDrNT70iJPa39tjeeLbrW/o5cn35+8Oj47WSl9qy"
    "N1ul6s12Xo93WWShNsticPTGJJaY5wRtCMcZ/H2IOPLoUl5nC1XyclYvw6rfh1Cszp7kio"
    "T8j3Q4RKeaj49MGTVJSfatmAjfIRE/bbc18sHCASfQ34AgGb0juMwIKKXwAgYJA4dAk4vU"
    "MEPCyElRpnm0keKUpBWyCGygiqbi7ShLNSPueQRUoF4uoRVCa9re30NjXA2mZ1VsrkCBmr"
    "egPoh2tVq8QSH4lHZc2klJTsAEd+T0a6kRJpCJRvYphN8tG3MMomWNUEq+55sGrK2mpqQq"
    "VETGpX/4LkhgNsTZRcEMVemVyuuhiu1JP6dJKcSUPsIg1xN/Tke7ScIeYvsDcqYSdTZw/q"
    "yMlltl2raXJfVo9wMu9+y3GBJiatlzFpjLprh0vFsn0OsRnRB3EbY6D+TQh0ljL6Sf2bkP"
    "CZGIPwf544b6LGtV+7yZCG1dAPlzQ0mrvR3PsKrNHcjebeX3D7rLlfy9CB8yieukR3z5yv"
    "1d6pii1IhWa3rcB7jN5jJ3wM/WD2O7K5UeH3Q4VPD11TejUt02f1fW12te1EhPiZ0MA4JT"
    "JAiI9OT5uYPqen1baPPJdFecsZUv32EHSRIGWsy2r0jXVprEtjBO3MCNqNiq5QL1HN49Go"
    "26TCs+Kh77TqnAmW3Wmw7K6ztnsUItuJSmL22kh5E5q5E+r8CcWc+DgBXDfeuyA4PB27Oy"
    "PGUln5eC1Vu7QDEzzY5+DB1bNiLyC5XWvUK7ow497ncTf2dPVKOyx7WiNXMZV6H25kV5J6"
    "/yaS/OGXj8iFFVWFC1vm7dkUqLINs+UJkgLem+KUKRm+l4tiPVRR7ubGMGXyWYc4p5Jgtw"
    "2xykbXDRGqjGdxQ7Ty/swh4iW0M27xhXy5bYiWsLz4jeposFhRwqHNrVng3lm/09mGgL0R"
    "3fxMZ0NHCy89yjZ9FC9VJwNGS1hLaGOFQfYxUF1BFnASv79sj0odiC4kF3ET9TVwqCTl0o"
    "J+FaP1a9jbgEDr0hGTxKqVeGMygWzVLplM7JzxyQzXJ2N8Bh37DFxYsS9SgyK6kez2sB7N"
    "GUKaE1jJiM7E3wnxGB0D8We0Fv5tZ4D4SPxWZunO8ZzYFuHvau3YxkQX6w50rahOu5Z3rC"
    "A5OMRfvmgEuWxWiXl40gShGdLckOaGNDekeY+BMqR588cPWwyJ2/U3fvouP4b9DBUpQ5cb"
    "urxTtDadVWEvAwfJkqWp20HqqsMi131By3hgGr0Et+iB2UuAjAumFqouvQmJXlVW0D2tdN"
    "UkeKyUvEbuhNE1QcCGrqv2/gOqw7Gson4g/mB7AeKcWwCJE54+AAv6ILrzefhpGdiL8BPm"
    "QNJ5TrGae2dXaVLOPZ9sn+JjzKaD/cwOD3Vvzey/jJDZ4/evnJ3s+2LV0YQ0K2UwzfHwpo"
    "ZB9zUM1NtAB+GVwADhfdnUt1Hn2tDaf7RiFu9iz9ERQ577uB0vUvvzWOrBxH60ljpb2mWF"
    "1trUrmcrb9vb2nE+53qYpiQMoEVAMfECbqltc3RQzYuZDRjzwNKAr4VsQc5Am4fWFnqaFf"
    "glqu07ZOMldCsc8ymxvFs+lDuM5PcN4Br03l28vXx/fvXs5dFBqOT6f7g4rGoRv9dOCi8v"
    "MQdtqhfZkxIZoCLWfgAVYowyy3ahXkRPTmx42e6dqLwmmKca/WEF85gCu9uvLWWqwQ6nGq"
    "wMYHgfsoCjEq9E+vRBnV9ChVQsUy27THT4kuWC1yb8TQ5E2zkQg9+5QRZXGwP5d0KETobl"
    "b+FjsPqYd43tRtmUMQOle5vdoK8VZmhKZAAx43VazcW/bjIKTWGj8JVSc3X94ce4eX738F"
    "x6BIc8qFDsn575ifQWoRfWm6deQppPgIeII6Afg+jDRAKP4FIdW32ckLj/MYg/TcgcYhc5"
    "8nbk/wl5wHyxEMiMQfypH8+Pj/7QYHCi1oa3yfM2AhiLzuflETk/f7r+UIlnWixvhGGbg/"
    "8At8OQr9SbeBZgl2PiH8rr7eJlLGGqX67yK1PurS07yC9XEasg1Lg1uIhIanhUxFmTdeSs"
    "eh05Kyd9dN7CK4EhoLvtl/BO/PU9w3xg7vpeo9uNtz6akBbmaFlKZD09mdOyw4O9k5xbwx"
    "hXoz9cxjjwnDVHPStpRr0vox5jlBr2Ygj8LqNP+zbOnXgI+ColbkP3wCDz6w5y/oHM1Oqb"
    "cyBCv8I3kIzNE66BZEZ07BnIO1tSC7VxDuzWOcAxr/IOVKy5sUCfXQJ90mIlkaxXnycW2C"
    "LxPGMYzSVQW8G5g133eKosnw5NnJfbHmH8siuoWyaMHQbnJap4NVW8EtiIJO6ZubttNthj"
    "dOnx6hldSzjkJIdHN5w0WUBOqheQYrTliqYR15XQrVJttXmefAfDQ7/95XsFnngiPHHp8m"
    "ixBuDn5IeHvSHaDOWSaWeINjPqOkRb/MTOHjXJtoKgIdxyy6iJdTaxzn3kMpvFOpcvEi1A"
    "PPD9igvroi5bXCgY0UL9u1R8+EBg77QKUFwBr4RRTxXHq6HTcwX5GnHqo3Mg2wMYRbU9gj"
    "l2OWKAUwpcyG6RLN3DAgIw8YV1AyCIygwdgqjGmg8gQ7KSjy3GGzmi4SgHcicXmRDsAMqE"
    "wfUaTKcu9LmY+tOpqiTEFwiEW0QpMZsul5iL2aeiSQGC9gLYi4DcHQCfqouJ5YPJ8wK2Cb"
    "EhYxj5QNwqnKvbFN3JC6Q6UuLbr0RkfA9t+x7COalj5ycSg/Q+tB0y7UEGy+o0VHO3iUQ/"
    "InzlZQcT4buHCQmiaYAczQGIpMYg/D8h4vVCVCpC9CFJRHCSTAQnn4qQf5Xt5hnilMOS4M"
    "rqUidxe5N6UPAkUVJislUiGTc3QOaBhPM5sjkqUVIqwUyLGEDzgEYqrI7SlxIxNfpMhsXu"
    "MiyM86Z6mdhPGt84b77FUTfOG+O8GQqwxnljnDd7ge7GzptOQ/2jLWfK4vyT3Wie9Eo0ck"
    "ZoBfh/yT7FSO47EbLpTan3A8WaC4liq4jn+k1O6QQo8atu1cER+uqxeKe2CMEInOiG4xn8"
    "46Wi8ITVwaD8Hg6j4ft3xveH86QAdE1xg1hggGz/cSOq8riGqzwukpVzzHyuvSFwVmoAlY"
    "a2EDKp6B9doDNCBuem2TN75jPxg5lEc6bvN0kkxyD5PCEBSZ9Jf5uQGRXvBXk4+hD5VsQY"
    "rZwr6nM/vCmQi+vPgtKtrqq9klkp45ms5xDX8Ewq5aowIOeMwccKL1ckkBuLb6UAlGRmv/"
    "xWLPDnI8ItnwaszLytfi8UJbe4XAnzIwg9lt2/Itqv5hRDtwb7nZFsgQfdIz9Ev2nPItsd"
    "j1W4UbTuYxVKDcG3lHuaTpo8TSfVT9NJ1dPEhdGs48DLyw0Ba+PH681Q7KlHx/jxvsVRb+"
    "LHM84m42zqoztk010RUlzvPSItbSR/cY+6i1DbRSZLhkcUFqy1RMsZYv4CexsidiV6e7/q"
    "bEiYbcHPFs6zamfbah4+nQeEVk0bbQbuYvGHzgEEUQf/4wP50pbHXwO5ISUDc6HjBWLhA8"
    "+Epu34B4B6iIh/h4eH3wFxR+IgWCCGyjcCb/0KTVJvYjTMFuB7sgX4nfjxOgZ23H6A7rn2"
    "K8xI1HVI77i9obtbp7uNqV39FOyn0dXE1M6+jhpHTmakjMFVb3ClQo42NLdSEU77CezTsW"
    "eZmdXDwDNpTdTow1fRK+hpdTh+WXUahaZuMh+EZiK+dhrxpRsgs/3YmK0plKZwm1FkWlJk"
    "DHts2OM+KjTtsceGEN0pIXq59CjjFQWRkpONdD+smjfnQt9++hWEMq9XdYSIA6ZTRh98S9"
    "YEkIWGKioLzSC3F/nKQqWEaPuXmZDf6Ux+DZbIr65epGRN9aL9123n2EWWB4Vyp6HgZoQG"
    "qOW+fNF0/7XaDdgKii5l+BYT6GqH3BcEBxd2f9oI8dMawE8HEXZvShUpX7JmFRNsqphk1v"
    "uUvybwXGzL7UE8Kj6UJNM2exjK+tlmNspdqPdq5aEImTGQfyckDDMbg/D/hKhaLWOwKtmi"
    "/4Zo9H6oeTsUtj8VSmi0dU1T31pKxLjXWnevqRJollSki2NSXzdtJWRKVOVLVIXGilbNr7"
    "SIATQPaBQ/q4FnSsLAmYdTvi08LThTEgbOPJyJXtkQzUTAgJkHc8XpaOCZkTGQ5iE1Nf62"
    "mRvEkHyTa7NNObEhIL8dusn4VasHYLh+VZOLNbRRjzEyNRVNTcV9B9YEKpiainuBbq9rKu"
    "YCQkriG4ohI9VBDrnsPdW45RjXfAxtHGFdLLeYiic2CVb9TLAydsXQNEyTeLIj3TK9Lq6J"
    "bDvO7+HA+3Rez+ot1E5yz1WHXtY+KELFedZA0zQZVAPIoLoO+Ix+jXdhLdEysw1qlUyqml"
    "rLVNsGW4vKYFROwULtyUlVJKqKcQJUTBr1VXRB/GhfUL6AHDwwyhHAXAj5ScRqsaBAm51P"
    "yITciPYMufARLKEwzGQQrvymtJ3p9LXq7/zj/6mrYgdgH/gKHBWBq5qKG1OtfAEyYPQB8A"
    "dsowl5BoHNoL8AM8QfECIAkfA+5Y3LiwnB7+KDvupCXkT+isYhusm9qqG5h1g9VqbOQX/V"
    "cDHG2oGkaZlhBu42c6TU+VEK1X5ZWVnZmjq/rLSq7I5isnZVXLaTmCz5TtMbjESiH8MxqB"
    "A5uZqUvQPq15/St8Caq89uXwPdp8ZGu5hropyVGqDD/OhVk2X+6FX1Mi/P5Zb5tM5TALue"
    "18rLDpDZ2hMmq8RXWkJlGQLzGyQwsyaOzqhnJU2R9T4/21AY5EuvrGhn9a7SKRETI1m6q7"
    "R2oGRWaggqyDaiJQvc9W54v3PfR6U1k8ITB3U8H1w1eZreIwAvxR0An1OGHMAXjAa3C0Vg"
    "TaefxEFxUiawO9CTeeiS7vIRuxdN54wuAQ0YoA8EfP54VULvtdy5yXPf6zz3uu1sGqQC72"
    "BLG/2lbBR4LoVyby31f0IC5oovzJ0QiMcA4vxD0oxSazvTUfo71DYbEsPSAal2eKbl+jwU"
    "feIvffz/OikjcfPtaULdM/Xt5Yct4NHpmc6sTSQGOF/b37vHD1/M1h2qSFWvQDkrNkCojx"
    "stDcc1S8OxKUiya7xDPcISr2QdWyorZWwp/cwzT2j0ntZeYImEwdvsAmYI1kYRon3IQdqf"
    "J8+kIPUuQNSkIA0xBamfS8KGGUjiLsCHz1dXu4oNvVhC7N4guTG7uqECV5xtcFDHGSPZ1O"
    "Lptg1iQ+P2r8F0upqI06mMrJT3CuY0LF0qIyQRF01tBGzIoUtvy6JBN+kujv+MKCrg4nvk"
    "A0zA2Hah74+nMQ6/IuaLHzCV4Z2+vNJ9dEBdR3ZPApmHJXe5Et8mxA4Ykz1SEoZ7OjQQoP"
    "kAhq2pwGOJfY7t5+LaYWP7EXB6hwh4Np1ezp+/l6Vap9Pv1maxU2nhhsXeMYvtBiUV4mpo"
    "kah9KzZMj2KtOuFJzTYP3caype+sAHO1JZ4TGwDRtHVrXABzS5kWoZqWGQDkXW+Lh33LY7"
    "QI8BtKXQRJxVtwJZRDeCakuoJ4dWS7E/vN9fVVZmK/uczP3M/v31yIRVuhLhrhUM8t8cHs"
    "X1Vnh8E515zbodAYqH8T4gm9D/sLWa159TGvxTZb2hut7BoFmyMVVsPFmJLYnpfxZVdLS9"
    "suxpDtj80RTcanXNrwaYafNvy0qYw2tFEviQguVEZbvS3XGPe8rAn97s9AF5/vkBxdZ5yz"
    "kmaU+zzKxsvYlVbUAy/jYHDtoZOxn9gaH+N++xgLPMCGe13mPGV7qEtXYd/pZpd52Eocsi"
    "XINnXJWinGptkGmD6UmTSSbEPSlwlT7lWCRG/RTkzOIfiIZPCurH3zwDCXrk3R4gFEVyx6"
    "alvvvbRgZdoZHbpkN9uV3ZTFkee2URYnGq3CCFTCnwiYlIcSPtK4Rbt1i/pIBSVoVbVJy2"
    "y/rs1uFO5uNnlboLLZXY38SsCUE2p9MBgKc3UtmYCrsYAX5NZax3umwbe9jBuXRzXU+0l+"
    "m5D8XZJla/pn23PM9u0p6oQrS5thGxI5hXjk/cT3SUonN8MMXdYruqzTsi2IYXsxKqvbEp"
    "45qC3ckrRpdfOPTViTb4Uy2VDLqyZDKmOzqu336uCsQZjwp6dNTPjT02oTXp7LlY70PB2E"
    "o+YDRLeTuPwoqUbHSk+JGHpE0yLfaQ2yv/4L4Hm9lw=="
)
