"""Campaign progress from a ledger of counts instead of a scan of every recipient.

``campaign_counts`` rows are deltas: the sum of a campaign's rows is how many of its
recipients are in each state. Statement-level triggers on ``campaign_recipient`` append one
row per campaign a statement changed, aggregated over the statement's transition tables, in
the same transaction as the recipients, so the sum is exact whoever writes them; a statement
that changes no counted column (a lease extension) appends nothing. Only inserts, so no writer
waits on another here, and no foreign key, whose check would lock the campaign row against
``SELECT ... FOR UPDATE``: a trigger on ``campaign`` removes a deleted campaign's rows, and
the cascade that deletes its recipients appends nothing for a campaign that is gone.
Existing campaigns get one row each with their current counts.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# (column, what one recipient row contributes): the same counts progress always reported.
_COUNTED = (
    ("total", "1"),
    ("queued", "(status = 'queued')::int"),
    ("sending", "(status = 'sending')::int"),
    ("sent", "(sent_at IS NOT NULL)::int"),
    ("delivered", "(delivered_at IS NOT NULL)::int"),
    ("failed", "(status = 'failed')::int"),
    ("bounced", "(status = 'bounced')::int"),
    ("opened", "(opened_at IS NOT NULL)::int"),
    ("clicked", "(clicked_at IS NOT NULL)::int"),
    ("unsubscribed", "(unsubscribed_at IS NOT NULL)::int"),
)
_NAMES = ", ".join(name for name, _ in _COUNTED)
_ZEROS = ", ".join("0" for _ in _COUNTED)
_READ = "campaign_id, status, sent_at, delivered_at, opened_at, clicked_at, unsubscribed_at"


def _append(rows: str) -> str:
    """Append the signed sums of ``rows`` (sign s: +1 new state, -1 old state) per campaign."""
    sums = ", ".join(f"sum(s * {expr})::int AS {name}" for name, expr in _COUNTED)
    return (
        f"INSERT INTO campaign_counts (campaign_id, {_NAMES})\n"
        f"        SELECT campaign_id, {_NAMES} FROM (\n"
        f"            SELECT campaign_id, {sums}\n"
        f"            FROM ({rows}) r GROUP BY campaign_id\n"
        f"        ) d WHERE ({_NAMES}) IS DISTINCT FROM ({_ZEROS})\n"
        f"            AND EXISTS (SELECT 1 FROM campaign WHERE campaign.id = d.campaign_id);"
    )


_NEW = f"SELECT 1 AS s, {_READ} FROM new_rows"
_OLD = f"SELECT -1 AS s, {_READ} FROM old_rows"
_BACKFILL_SUMS = ", ".join(f"sum({expr})::int" for _, expr in _COUNTED)


async def upgrade(db: BaseDBAsyncClient) -> str:
    return f"""
        CREATE TABLE IF NOT EXISTS "campaign_counts" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "campaign_id" UUID NOT NULL,
    "total" INT NOT NULL,
    "queued" INT NOT NULL,
    "sending" INT NOT NULL,
    "sent" INT NOT NULL,
    "delivered" INT NOT NULL,
    "failed" INT NOT NULL,
    "bounced" INT NOT NULL,
    "opened" INT NOT NULL,
    "clicked" INT NOT NULL,
    "unsubscribed" INT NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_campaign_co_campaig_2e973c" ON "campaign_counts" ("campaign_id");
COMMENT ON TABLE "campaign_counts" IS 'How many of a campaign''s recipients are in each state, as a ledger: the sum of a';
CREATE OR REPLACE FUNCTION campaign_counts_append() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Each branch reads only the transition tables its operation has.
    IF TG_OP = 'INSERT' THEN
        {_append(_NEW)}
    ELSIF TG_OP = 'UPDATE' THEN
        {_append(f"{_NEW} UNION ALL {_OLD}")}
    ELSE
        {_append(_OLD)}
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER campaign_counts_on_insert AFTER INSERT ON campaign_recipient
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_counts_append();
CREATE TRIGGER campaign_counts_on_update AFTER UPDATE ON campaign_recipient
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION campaign_counts_append();
CREATE TRIGGER campaign_counts_on_delete AFTER DELETE ON campaign_recipient
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_counts_append();
CREATE OR REPLACE FUNCTION campaign_counts_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM campaign_counts WHERE campaign_id IN (SELECT id FROM old_rows);
    RETURN NULL;
END
$$;
CREATE TRIGGER campaign_counts_on_campaign_delete AFTER DELETE ON campaign
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_counts_forget();
INSERT INTO campaign_counts (campaign_id, {_NAMES})
SELECT campaign_id, {_BACKFILL_SUMS} FROM campaign_recipient GROUP BY campaign_id;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TRIGGER IF EXISTS campaign_counts_on_campaign_delete ON campaign;
DROP FUNCTION IF EXISTS campaign_counts_forget();
DROP TRIGGER IF EXISTS campaign_counts_on_delete ON campaign_recipient;
DROP TRIGGER IF EXISTS campaign_counts_on_update ON campaign_recipient;
DROP TRIGGER IF EXISTS campaign_counts_on_insert ON campaign_recipient;
DROP FUNCTION IF EXISTS campaign_counts_append();
DROP TABLE IF EXISTS "campaign_counts";"""


MODELS_STATE = (
    "eJztXftz2za2/lcw+qXJjOJJ/GpXuXNnnMTdeuvEu47T3dmoQ0EkJLGmAJYE7Xj39n+/B+"
    "D7aVIiJYrFTBtLJA5IfQcEcb7zwH9Ha2YQyz26sM2fydNogv47onhN4EPmzBiNsG3Hx8UB"
    "jueWbIptU7sPGs1d7mCdw+EFtlwChwzi6o5pc5NR0fgCPTLn3rWxTtDF368QCE6Qu2KPFD"
    "Gqg4DLmUMMhF30+aeLV8dn52PkEJ0tqemKC6L5EzK5i2yHLMxvR+KiBtPhqiZddtS/R83f"
    "PaJxtiR8RRy4ytdf4bBJDfKNuOFX+15bmMQyUiiahuhAHtf4ky2Pffly9eFH2VLc+1zTme"
    "WtadzafuIrRqPmnmcaR0JGnFsSShzMiZEAmHqWFagiPOTfMRzgjkeiWzXiAwZZYM8Sahr9"
    "z8KjutAOklcS/5z+b3BriWaa9unmTvt8eadpo5xWxS1kFBEc0hkVI8KkXAD13z/8fmNA5N"
    "GRuMD7ny5uX5ycv5QQMJcvHXlSwjX6Qwpijn1RCXqMsvybw/n9CjvFOIftM0jDjW6CcXgg"
    "Bjke+iF8IUAdQDpa42+aReiSr+Drm9evKzD+5eJWwgytJM4MnlX/Gf4UnDr2zwm8Y3z9Z6"
    "EJwrFEOxg/P453hvBxHYCPy/E9zsELU5S2wu6qCcBJmcFBfH5aA+Lz01KIxak0xK7ORB85"
    "gP/2+eZTMcCxRAZew9Q5+j9kmS7varZIzMlzz7S4Sd0jcb19TMsCIdHz2nV/t5Iwv/h48a"
    "+sBt5f37zLzt+ig3cZdegOEZBpmOdV8gHOcHNNitWSlsyqJhA9Cj8c4nQOP9C4odZT8ARW"
    "qObu6uPl57uLj39P6efDxd2lOHMsjz5ljr44z+gs6gT98+ruJyS+on/ffLrMqjFqd/fvkb"
    "gn7HGmUfaoYSMxWYRHQ9RSWrewyzXP3UjvWdkWNB/ccl8UfyCKDjGp1LRDHtj9RnpOSyot"
    "91nL4Vw8f9Ka2Tk5wTZNnv4q+FkLJ4Y2smEbIpuVU8ACsMI6X9wXWo4RXnmQf2QOMZf0Z/"
    "Ikob6Cm8FUL7IbA6rkn8m+DhPc+Gg8czr4MSI2cuMLUIDfTrhvrVx8fn/x4XJUMkm0APEX"
    "lxyiiV4X3dy8WAyvGM9zrN8/YsfQUgNbnGHHLHMkaps/tT5eZ49gipcSIvFbxJ2HTKBnmP"
    "zygci7z/OE8dlxJVco2mkkavgcX1iO8fOs3NfccE1YD9D26whLIyt7phGb985cXlHegM8z"
    "ac5uDMZCf63zpbiFV385Pj45+f749cn5D2en339/9sPrH6CtvN/8qe8r5ut3V3+9+nSXXr"
    "iIA9UsX6ysuiRJLDFApu+8Dg91Xs5Dned4KNNuAq7feiNge7Ym75p8ArPV0WBSpQXWUDm+"
    "aanh4XxSi6k+qWCqT/JMtUE4Nq1GRF9CpB9Mn7isYvoU09dTaqAO0wcvXuY0NF2TMluYrT"
    "2b8wZDBwwG1x6yAf3EdjsyAG4CffpyfT3KTwy7IwIOFNjkVFgC6r44AL56Dx9HhQxAcG5c"
    "bf/zFQAQNKsRLXT+yjCXJkdCBq1hpUYMxBnCFMHrCJ5s9y1i8A6VMTv35AnOCrc4MsU3mx"
    "fFB7XQYx3ugYiu5Qj2HJiG5A9OOLAemGkovqHPfEOkwLoWW6zx4bENJ7XCXk4q4l5O8oEv"
    "iScjj/El9da5t0E6yCgW7zPiowfimIsnTQ6PCUp+m1Ibuy68Rw0NJh7CJyj9fUottjTpBM"
    "k/8M2k9xrWdeZRaJv8lp3n6lngtQzwCvs7q1AxpTYOZUoJ9VmRvSGUlFFdDv1wjWryzTah"
    "tw20npYcoNYPRMu1oiow52Rt8wIOs3TdlxR5fvXXlj5fd7v6O35z+v3pDyfnp9GiLzpStd"
    "YL13Up+n2TqVIFmx3IAxNbUg01nBJUOu6zjm38ZDFcYA6X+3USIsqv04pfJ8ec7o+E+kxc"
    "10eokIcKT4+fpaLcRMsabJRLHLDfXrkwcaBA9C3iK4J0xu5NglYMfgHCyMHUYGvE2T2h6H"
    "EFVmqYbSZ4pCAFbUUcUkRQdXOROpyV9Dn7LFIiELcZQaXS29pOb5MKbmxWp6VUjpCyqreA"
    "frhWtUwscQk8KhsmpSRkB6j5A9F0rUWkIlD+FGpWyUd/Bi2rYFUVrHrgwaoJa6uuCZUQUa"
    "ld/QuSGw6wFVFyXhB7pXK5qmK4Ek/q80lyKg2xizTE/dCTH8l6Thx3ZdqjAnYycXZcRU6u"
    "0+1aTZP7Gj3C8bj7NcMFqpi0XsakOczaOFwqlO1ziM2IPcJtTJD8M6XYWIvoJ/lnSv1nYo"
    "L8v1nivM4yrv3aTYo0LId+uKShWrmrlXtfgVUrd7Vy7y+4fV6534jQgYsgnrpg7Z46X7l6"
    "ZzK2IBGa3fYC3nbYg2n4j6HrzX8jOldL+MNYwidVV5deTcr0efm+MbvadiJC+Ew0wDghMk"
    "CIj8/O6pg+Z2flto84l0Z5xxlS/fYQdJEgpazLcvSVdamsS2UE7c0I2s8SXaJesDQPtVG1"
    "SYWtharvtOqcCpbda7DsvrO2exQi28mSRO21kfAm1HMnVPkT8jnxYQJ403jvnODw1tjdGT"
    "GazMo3N1pqF3agggf7HDwYPSv6CtPlRlov6ULpvc96V/Z0+Uw7LHu6Qa5iIvXe38iuIPX+"
    "XSD548+3xMIlVYVzW+Yd2BAosw3T5QniAt7b4pQqGX6Qk2I1VEHu5tYwpfJZhzim4mC3Lb"
    "FKR9cNEaqUZ3FLtLL+zCHipeO1jc3ltg/h+6Cbgc5UsIblGl+JJcC2QEFPd7KjwY4oRjnW"
    "uTb3rHvtNzbfErB30M3f2HzoaJlrmznbTlhXspMBowU2Jdl6WSX6GOg8Jcpcwe8v2smzCU"
    "SXgrG5C/oaOFSCmGphFRqi9Yvf24BA69JdFUf0FfisUuF+5Y6rVISh8lwN13OlPCsde1Ys"
    "XLJ7VI1Sw4Hs7rAeLRxCGg5gKQOdwb9TajtsguCf0Ub4t50n4xL4rY7WdIxnxHYIf1dzxy"
    "4GOsw72NKCavaNfIg5ycEh/uZ1LchFs1LM/ZMqVE+5FpRrQbkWlGuhx0Ap10JtqHZPlR8m"
    "TD6juS1Kfi9DBQmbmkPgdt2tZ/KrW7+fASPluXhJtDWMiNXWaH0RfX0UXQ0VMOWrUr6qbt"
    "ESheHbmd6vOywx3xe0lGevDlqmQeAnckL1J3gz6szZdvK6iju8lf0NFbld+kQPEiDlFK2E"
    "qkv/XmTrFLj3knZQuXdPT7bq0rn3NVd6I8E7QtuvI5dj7sm7E6y72vhhg9GnPILtQboDR4"
    "mqErGLMse2Q1ZgYzWteJIQGpwTqhOcFw5bN3awpoQGh3Mns4aErHGacVpqeLmZnSQbO8S2"
    "nmBV0wTopIyCuRbMUaxgs2VdRmyL9V3PIN9mNVcegZmHtrTiWpHoRhu79gzYtrd29Wngps"
    "M2KaQGbXYHd8oL9/4o32gzIaI22hQ9b73RZjYogtCi+qLlGknKKJW0rpKYKNkklDSW3uFy"
    "23DwgjfE3xeaIPlnSl19RQzPIsYERR/hKKEG6AaO+R+m1MZi5+wJ8v9OqS5QsKRc9FHKcS"
    "kEPS9gUSxO+39HG63zW49XlVrS4E3hFr2578i3kld3TnAIa9CqiL3Lf91VP2FRwN71zae/"
    "hs2zj10+WniDSMqEmKrD0ec6HEID/2G0EVORlBnCM9X1Rm6ccVzAUJTbHGH7jQyNjV5Lrw"
    "/EzCDfbAw/Y6PiUGlRNS31eVqCd7ezWQx/WlJpuc9aXpjUdFcbqTkjqvTcZz2rjJzyF+Sw"
    "MnJSxbNtY0OtpyWV1vui9YKHPR+MGDyx86eGZHBOUBHCam+uzoDNpQ6qjaS63UiqeI5oAe"
    "Ka5f/7OSU8C25uVkyhC3eBPn25vq7aBCBhPLeQzxnGUtZN6TyUQZ0JdtBN22wPrNuwvyEB"
    "toto3vd+bcWKmN73UfXF5yN7tbhU47MBvqOf2COC+3tCbIEwCrv4zkXx4EDYIcikiGB9hY"
    "S3AbrBcBRZxFiK7XH5iiDXW8suss6U1i8g/DtxH+zRRSb8B534vxq9eFxhLsqQiDehuIpM"
    "Fnl5NKVTeiuai4sBiKLOh4HmT/4F13AfryyYOSzQurmEq7qIUTSbRaBGtzuboRcuIeKmpn"
    "RtLh35dMBXuOwaG+IE3JHUyssxdEKQTZz4Kn7DoIa3QETcNnzyFzJjgYPs2YWBAPeC4YPv"
    "2gREBA4xbBNEvsE59LhicOMOenRMTmSjNXohaUARyTFGfkkTdzylYizcg17GaA5X1Yk7Rj"
    "Jp0iMu3CqmBlwdXjP8FYM1Owgyv0/AgvpXwCYXsEhFMRH3jeB/AtjOZiAHTY6inN4jXx+A"
    "lkyci3QorrJg8HT4o8LXIOVMIAUdfWJwVr4a0T15mviaXRH9Hj0yzzKQxeCj6Cu8kOgB4S"
    "U8si4HfX2+vL58f4eOjo7Qjze36MvfhbEwm72dUhxqNq1YuEH/RSMGnP/JQLkhBp3Drzga"
    "RTNWa2Wt1D6I4twu9kGMHuWGBltarFuzYpdaaSnoTHl92vL6yJm4YGyWYhkLKDCzYAbhIQ"
    "3QTEgoOAvgLOA3q7AsIjUVkHAblgkLpUbPeUpGQZqFNA7jqolnLKDAzILpWwZN0ExIKDiz"
    "cDIwNBuhGQsoMLNg6pap3zdCMyGh4MzC6VHXm4s7mTfCNCumgL0r8rSUU9W7oBR94rqCUY"
    "yY7RqEIonaPssn3q0IkmUVBXdlWmnWbyK4qoj7EkSdzzpJyk6QOsLHIugmg+imQXy+JcUm"
    "tt99nUIGGQogWcdAcT295Hru4cfn8S+P9Q3bDzDF/rROqsJpearCaS5VASYA1nS/+KSMin"
    "jImIQwivNYlmdbhe1VppXoudVMKxXCVz6rHGYwV50QvkPwDBzIvFYRcJSsPLVlMMwAS/6O"
    "sxEx6cFVHG20XxsjjveosDNSQSE1bA0n1f5Ze+OGEhQUhhTGgHC3h10dIWEtCPewGbifCT"
    "W+c31XPFpjfWVSMsmZGFv3OKW+XwZNveM3fzkOE1XRC93CMPUbY/Ro8pUMb8AueZloJl7f"
    "PjcJHwJarcxI+Zp6noIb9u2RKtslTgaG77IKW1RW01DWTE+tmca1f7Yr+9O3KXMHBWkWpu"
    "Py5rWsUlKqmFWdYlYW3gDolJDCuVapwcOrGRGHMzQpGuFLTZD/t6hARHnphykN3rITlPBi"
    "7b8YBOaiIFNRXG7pGzcpohj5rKtDTiDEcVhBTcjy0hppqSHUANh5XY01twFQo2C2L48dSc"
    "qoImT5wbwmrtzAo2hRXv4OTUu1M63vd22enoTPzurMwmdn5dOwOJeZNoSFpnmUFy2/q/nA"
    "jKjK3O5PMmeeAJTKKk7UqliUJoWG8HLoukAMhRetFqxTNmDYC8TVU9Xnp0qsuDcrqqX0ew"
    "j6jcJSN1ByVlZpus+a9oMSN1BzSlDpuM86DkIlN3F9pySVlvus5YDm2kDLaUml5T5rORmi"
    "u0lhory40nef9e2z2ZvUl0sKKh33WccqNK1UzSo0LadyFZr27K4TQdBLE1RTUgpUFe+343"
    "i/giHcBrpxT0MFN/Xg9iqWMsC+KIIyVktF3GSiUau7uX5NFwj0I8ry4YUVe7yO4xjDbKsg"
    "vORXMZ5joOBXLeVBUcRcVG+C244QDMAJbjgcwX+9kjkA5Bv8cvHdV6PaQXZvO8iqUEUVqp"
    "ga010NXxWqOBicDzBUMZ0B3yRcMZacoPjzlCY5twlKfssHKU6pzsR+jSaVm1xFn0cbabSD"
    "4EW4b4+TApVWbCGXklKpjSl+oo3URrm4yinkwnHwU7FGQoGMLnatBHG9fShBBDh+/TXPG8"
    "jwBJd5TlHl7PL3Ql5yh9MVmB+eX3VvB3FDdSaU8/IJ5Tw3oYTQbcB8piQVv91rfjvQlWlv"
    "8lj5UioK7/kovBAxDkZzHunyYPis3BCw3nU4vPLhlA/74fpw1A5BQ9N6wQstt7uC2sdG7W"
    "PTR19IvX1syr0hBb5ptZFIw51XWtmixvf8DHqHGmH7a2uynhPHXZn2lohdQ28fo86GhFmX"
    "HsoP8Ia+JpxLt2DOSZk4O67yUxrQDqyaqOGzhV0u0G9s7m+Wck9sjnQHg9ZEXrf8KkuomH"
    "LvmKW39neRoQYS7DuSGbtIpt6F+5sUlJLs4gKqmOQQy6/AOGnsBkrKDNCz+aaWH+hNhR/o"
    "Td4PBE9aM5eBU0hQ78lZsC+euhNngXhvNFNGLNEPdQzKd9O4csV2RSv6NvfsmqZT5Vdarl"
    "jRAy7kcJjnJmHM+44OHyaqiqUfGF9bh6UPDbkN1J4RVX7m/tDyvp5z9PF+gr0vrm7FSHEL"
    "w73jk+MqIgWbmpNoV69ALrYsxBnCSHYo98kYwz+mvhI75T6YBnEkuyFPj9GKPUJ3Lvc/rT"
    "195X8yOZLb5ubJlM6uUodRqYhBV5RKPykVvhIvkobLlpSQWrTULwpXDmllUbg/PabhrNWE"
    "+EvKDML4zqQ01MpoqEhoyLF+8m3QBOFIYIDwdsKr2p4DA70RfZ0Q2WGYqkNs66krzq7rcW"
    "wBGlR/0tZNaKO0kCp2mqeOOF/wZpgmJBSgeUBNanscFtT3hDZBNSumSM7cVq8e3wjZnJyC"
    "NrfxK6zTNM8tWNp+ILq5xlZZyHIsliVlfLmjQP7QAK5A78Pl+6uPF9cv3hyP/UWu+7tl+t"
    "Fdyd3+cmNXZ8083AmRAS7E2k+Lky45TbewW5LqWOHJi8WGEHW/gyWvovDL0R8uhd8DN2Pf"
    "tK1CrgcQct2tT+KLYAA/Mipn4wK3ROL8+BnPhCfJxHXUtkaUZ4TNdy66uEKyB2TSYN89eE"
    "sY2EGyR/Tiy937l0WBnI37mNIplVv5eZSKrfk441huJi4CPmezyBUzm4nd/twxChJxRKdy"
    "3z/ASOxATl3shx1hFxGsr0Tr8ZS6TLaae8aScKSviH6P5mQBjwYiD8R5QpLoQGIiduVNyi"
    "0FYRDBAXEXrrdey9uCTuRtl28CmHoUfeCzRXqUC6SXLpDoKcmvTsp4z0CgalFyuLNooS0D"
    "i4rMyi5wfjYxsJMiyrZuxgdVzgdDpYR2MjPUJo6qVDBc7mjHOlAM0wYM02kDhknZZso2U7"
    "bZuFlx0BXmH/0IjVFRgdDE6XFlkVBoqK0TLVutFJqLx0rF6WwcjKVqc7Zdm9NhVgnD/3yV"
    "vVC2z1T/yHOJM0Hi3ynFrmuK38InKPqYpQ724wgQJXuDnO266TwJkQGUlNx1Os8B1peUNR"
    "0JJw1VMLLDza/taPNrDhPw2t8QO/wY1I+E/oPqkfApvzW2yIBeATITFH7qx/Pjkt8bGP9B"
    "68HYRa3Z/QCMxhYLlxRxKeV5nhmxfiR7Dir3NvD4Fm6a/ayfuHjb7AG4idsvK7njpNqeob"
    "vrl/BeYql7hvnAQql7jW43kdTBgNRMTtaFRNbzgzkpOzzYOykQr6J5ytEfbjSPKps5NK2H"
    "GFWVzdxrZmDf9NyJh8AHqwX3gOCf76LODhPaZ/0DqaHVN+dAgH6JbyDWzTOugXhEdOwZyD"
    "pbEhO1cg7s1znATV7mHSiZc0OBPrsE+rSKFURyI4QjgR0Sz3PHJAsB1E5wbt8ElphpD8Rx"
    "g1KwdWnirNzuCOM3XUHdMmFsOHhRsBQvp4ojga1I4p6Zu7tmg22HrW1ePqIrCYeM5PDoht"
    "M6E8hp+QSSj1OKaBq4roAuqindmOfJdjA89NufviPw4ImwxYYzm5JsGfnhYa+INkW5pNop"
    "ok1pvQnRFj6x86em1UOzgopwU7HOKtZ5/+C2FOtcPEm0APEXlxwiNVQX3dy8uPnOSkGs9r"
    "Y7BKXjwwcCe6eb3bzzrPu/sfmogFEPT40r6XR/UyZtDo2134LWNbKgRXsU5BLPn9DCtDhx"
    "EGcMWdhZElFW1fGoyBEG6wZhFKQ0HqFgFyixTQ0RVVZ10LfMUx5lQO7kIlNqGog5YHC9Rb"
    "OZ2BsHhv5sJqu8iuRlnXk0ENPZem1ykUMtd9aR2dL6yqP3Y+QyeTGYPhxxHmCbUh07jklE"
    "djTCC3mb0J3cfCfuSIrvvkqs8j207Xvwx2QTOz+WGKT3oe2QaRs7uKiGXjl3G0v0I8J3UN"
    "u5HGBCgl/gvqECAqkJ8v9OaVBvYxIW3ogTEYw4E8HIpiJkX2X7eYZkjZAGHqWovUo9yHmS"
    "GC0w2UqRDJsrILNA4sWC6JwULFLKNypKiChAs4AGS9gmi76EiKqfrjIs9pdhoZw35dPEYd"
    "L4ynnzZ9S6ct4o581QgFXOG+W8OQh0t3bedBrq7/Pvlw9E3n8+2D95flzHP0GiprU2kLNM"
    "+IctEEZBB9+5SCwKxPG3SGxi4qAFAOjB049euIQa7hgxm1D4c3R09BLBHcFBtCIOKd48rv"
    "Ur1HEJhGiobeN6VZWv3FFwDz++iZsgbD9AJ0H7ka8C9SYugrC9chC07iBQpnz5U3CYRl0d"
    "Uz79Oqpt0aWklNVRbXUEaLWwIH4f93SYwD6/Jk6NrB4uiK/N4q2Uk6drLYfDl1W76a+Z6v"
    "zyJrcqzq8iT9qOPJF/Gywow/YDXFCqhBK1kGlpIaMoVEWh9nFBs22t72SA9npOHHdl2lvG"
    "aIs1yseoswFh32mY9tXaZg4vCdSOT9Za+5myeX0u9P3nX5Av8zaKb6YGms3ETlGaiFUSAd"
    "AlEc9zzPVVNuK5kBBt/zJT+hubi6/emrjlUdVSVkVVH/7admFaRLNx0SZT5QvclNAAV7lv"
    "XtetC1lZGDK/ga5jLk2KLa2pRZETHECB9zTkZ7UQP6sA/Ky4mI4KoT6wEGpBszSNrjRVdG"
    "Vqvk/4azzbMnVRtshm8KHAyV/vYSjqZ4ePhXvvr3ubPBRCZoLEv1Pqh7FNgi06p1TGkE5Q"
    "FEra/A1R6/1Q8XbIlWWGRWhQUquuby0hotxrrbvXZGqGJhbSeZ1U53NEQip0PrePpDRWGu"
    "UiJEUUoFlAg/jcBngmJBScuf1O4G1hN4IzIaHgzMIZrytrohkLKDCzYEacTgM8UzIK0iyk"
    "Kvdol7lHDhFv8sZsU0ZsCMjvhm5SftVyBQzXr6pyvYam9RAjleulcr0OHVgVqKByvQ4C3V"
    "7nemUCQgriG/IhI+VBDtJ9sk43bjnGNRtDG0ZYZyNdU+lWKsGqnwlWyq4Y2gpTJZ7saW2Z"
    "nBc3RLYd5/dw4H0+ryd6C7WT3HPdoZe1Dwuh/DirsdJUGVQDyKC6MsjaZpxQ/emW6MxJL8"
    "JKG1UuNs24uebE7Z+Nqr1bEYSp+yiLEcuQ1IXpuDysP+zHtWIUGUXfuWg2S9zbKxhys5ko"
    "FcwoQQ7zeEGRgS4uMqVT+k9HhM2KqsmyUxcQhKEAVwoKLWNXHhf9IlNcTuDiBrG59+QJmS"
    "6i5AFuy+XwABlowZwplc35CoMAsywZlavfj2UEsDzlS/hBu668d7ghJD5Dl2XBu5l8NPkb"
    "xAcQ2S4vTa3Pd7U+j3RW28MSCgwwlreTjDXxMDTAN2iu0K2HbjDbaivsNnQUpuUGiPf5aQ"
    "24z09L0RanimKkAUWjSVxBRmp3kQXdT97txWsEu8vlYS0P6UzK7D6mcz/2nCqOojiqVLvN"
    "OSryzTahtw20npbcjdZ3uTI9ECUXuLrzWlYOWeWQ7SORs23meJdUzo3H5+xbuNFXAY2Tbj"
    "CuonCYbKqtE21r7F4l8oo5Qyu57ZNPrsh0NcRg4MivSUZE0hqPDuNEECKwoo+Tj/O0TZud"
    "C7pG0EAOsfATWmNQqcinFt/komA2eyv7u7j9h7yqaQhyxpXgSMJGNoUbi5kehz0i/mjqZE"
    "pfYKQ7YJ6gOeGPhFBEqH+f4sbFxUDwZXjQJ4XERcSvqJ1tHd+rVM0DNuWDpUpW9pexAR03"
    "zglOygzQ0n1TNya2KiQ2a+xiZ9log6uwfT/S68T1BpNeJ95pzZQRS/RDHYPKdhSzSdE7oH"
    "r+KXwLbDj77Pc1sDtWsxnKaakB5j4c/1Bnmj/+oXyaF+cy03xyzZMDu5oIyMoOkAAaEheg"
    "eL7yB224PF/axGmi9bRkC1rv2ex6IEqu9WxjMMjXNm9SfyEpotJdCzcubJzzmpYawhJkF4"
    "mvOV51P7zfheuSwvLX/olxFc+HoybP03sUmWu4gzA+ia8c5i1XksCazT7DQTgpahEa2BYl"
    "BQXd5RLnQYQyOWyNmOcg9kjRl9vrAnqv5c5VycKDLlnogj6LfBI1q7pF0n0mzUaebTFsiI"
    "JV4u+Ueo4FXxxrSrE5QdjMPiT1KLW2i1aJ0FVCuY9hoULKY9eTcn1WRZ/4S9f8T6MonaC5"
    "Cs8pKvWzwsdn501GbSwxwPHaRWSZfDFrDYMlM2IDhPqk1tRwUjE1nKjasvvG219HaPBKbm"
    "JLpaWULdW8iJANK3q7gPYpxzyWUHirDeMVwVor2bcP5WQO58lT1WRU8GK/wR1INZl+Tglb"
    "FpOBu0Cfvlxf7ys29HKNTeuOrG2xg/aogCtONxhXccZENNV4sm2N2NCw/Vs0m0UDcTaTaa"
    "9wryLdVbK9IkKScGiqE6Rjji22LIoG3aa7MP4zoKiQZT4QVyTuTnQLu+5kFuLwC3Fc+AEz"
    "Ed7piis9BAfkdUT31BMldcSG5fBtSnXPcUSPIjVYUNQG8wA0N0z+ZYDH2nS5qb+Ca/uN9S"
    "fE2T2h6MVsdrV49VHsujObvdyYxU5U+FMs9p5ZbMsrKPZfQYsE7VuxYXoUa9UJT6p27Ow2"
    "li15ZzmYyy3xjNgAiKadW+MAzJI5jQjVpMwAIE8P79M6o/u0fHCf5sa26Wq2w/IAv2PMIp"
    "iWvAUjoQzCc5DqCuLoyG4H9rubm+vUwH53lR25Xz6+u4RJW6IOjUx/nVvggzm8DboMBy94"
    "w7HtC02Q/DOlNqz7THclNt6KPmZXsfWm9loze4O9t4IlbAMXY0Jid17GN11NLW27GH22Pz"
    "RHGjI+xdKKTyvGeCXI2A0RTsoqfBX/r/h/tYnA0LReEHGd20QgWo1soPesrAqt74+i88+3"
    "Tz5voue0pNJyn7WsvLhdrYp64MUdDK49dOL2E1vlwz1sH26OZylgvt4Fkj/+fEvA6i+mVg"
    "K8M57IA1xLl2H/R5fu7ixsBQ7vAmTrury1BCP2vOv7hooaQSJTSZCZRPiKccJ97VdwDkyq"
    "I3RLRHC0qC306JhcuI6hxSMKrpj3hLfee2G96KSz33d5q0LRh1F2KNBWTgOl8McCKqWkgO"
    "9Vbudu3c4ukUEfjaoGJWVURd0tKgTBhF80usuRjwRUuabWleEQPxdaEwnODSbwnNxG83jP"
    "VvBtT+PK5VEO9WGS3yrlYZ9k2Yb+7/Yc3317ijrhypJm2JZETi7e+zDxfZbSyYwwRZf1ii"
    "7rtCwOcUx9NSqqi+OfGVcWxonbtLpP7jasyZ+FMtlylVdOhpTGvpXb7+XBb4Mw4c/O6pjw"
    "Z2flJrw4lynNadtNEA6aDxDdTvIegqSlJlZ6QkTRIw0t8txqbJcvsz/+HzuAoJY="
)
