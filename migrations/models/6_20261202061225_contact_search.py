"""Contact search at scale: SQL that Tortoise models cannot express, so it lives here alone.

* ``contact.search_document``: a stored generated ``tsvector`` of the email, names and
  attribute values, split into words at every character that is not a letter or digit and
  lower-cased ('simple' configuration: no stemming, no stop words), with a GIN index. Searches
  match the start of each word (``contact_search_query``), so "ann", "acme.com", "Berlin" or
  "smith ann" answer from the index. Only built-in features: pg_trgm is not in every build
  we run on (the embedded server has none).
* ``contact (workspace_id, email text_pattern_ops)``: email prefix lookups (``LIKE 'ann@%'``)
  whatever the database's collation.

``tests/migrations/test_models_match_migrations.py`` names these objects as created by
migrations only.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE OR REPLACE FUNCTION contact_search_document(
    email text, first_name text, last_name text, attributes jsonb
) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT to_tsvector('simple'::regconfig, regexp_replace(
    email || ' ' || first_name || ' ' || last_name || ' '
        || jsonb_path_query_array(attributes, '$.*')::text,
    '[^[:alnum:]]+', ' ', 'g'))
$$;
CREATE OR REPLACE FUNCTION contact_search_query(term text)
RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT to_tsquery('simple'::regconfig,
                  coalesce(string_agg(quote_literal(word) || ':*', ' <-> ' ORDER BY n), ''))
FROM regexp_split_to_table(regexp_replace(term, '[^[:alnum:]]+', ' ', 'g'), ' ')
     WITH ORDINALITY AS t(word, n)
WHERE word <> ''
$$;
ALTER TABLE "contact" ADD COLUMN "search_document" tsvector GENERATED ALWAYS AS (
    contact_search_document("email", "first_name", "last_name", "attributes")) STORED;
CREATE INDEX IF NOT EXISTS "idx_contact_search_document" ON "contact" USING gin ("search_document");
CREATE INDEX IF NOT EXISTS "idx_contact_email_prefix" ON "contact" ("workspace_id", "email" text_pattern_ops);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_contact_email_prefix";
DROP INDEX IF EXISTS "idx_contact_search_document";
ALTER TABLE "contact" DROP COLUMN IF EXISTS "search_document";
DROP FUNCTION IF EXISTS contact_search_query(text);
DROP FUNCTION IF EXISTS contact_search_document(text, text, text, jsonb);"""


MODELS_STATE = (
    "eJztXW2TmzgS/isqf7lslTOV8bwk51xdlZPM7s5uktlLJrtbG6eIDPKYGywREJlx7eW/ny"
    "TAiNcBG2ys6IuNQQ34aSG6n+6W/h4siYUc/2ji2r+i1WAM/h5guERsI3NkCAbQdZP9fAeF"
    "M0c0ha5t3EaNZj71oEnZ7jl0fMR2Wcg3PdulNsG88QTcEe/Wd6GJwOS3S8AEx8BfkDsMCD"
    "aZgE+JhywAffD+58nj0dn5EHjIJDfY9vkFwWwFbOoD10Nz+/6IX9QiJruqjW86On+A7S8B"
    "Mii5QXSBPHaVj5/Ybhtb6B758U/31pjbyLFSKNoWP4HYb9CVK/Z9+HD56kfRkt/7zDCJEy"
    "xx0tpd0QXB6+ZBYFtHXIYfu0EYeZAiSwIYB44TqSLeFd4x20G9AK1v1Up2WGgOA4erafCv"
    "eYBNrh0grsQ/Tv8d3ZrUzDDeXl0b7y+uDWOQ0yq/hYwiol0mwbxH2JhyoP7+Fp43AUTsHf"
    "ALvPx58u7RyfkPAgLi0xtPHBRwDb4JQUhhKCpAT1AW3zmcXy6gV4xz3D6DNLvRTTCOdyQg"
    "J10/hi8GqANIB0t4bzgI39AF+3n85EkFxr9P3gmYWSuBM2HPavgMv40OjcJjHO8E3/BZaI"
    "JwItEOxg/3450hPKoD8Kgc31EOXjZEGQvoL5oALMsoB/H5aQ2Iz09LIeaH0hD7JuHnyAH8"
    "y/urt8UAJxIZeC3bpOB/wLF92tVoIY3Js8B2qI39I369fQzLHCF+5qXvf3FkmB+9mfyZ1c"
    "DL11cvsuM3P8GLjDpMD3HIDEjzKnnFjlB7iYrVkpbMqiYSPYo3DnE4Z3/QusLOKnoCK1Rz"
    "ffnm4v315M1vKf28mlxf8CMjsXeV2fvoPKOz9UnAH5fXPwP+E/x19fYiq8Z1u+u/BvyeYE"
    "CJgcmdAS1psIj3xqiltO5AnxqBv5Hes7ItaD665b4o/kAUHWNSqWkPfSW3G+k5Lam13Gct"
    "x2PxbGU083Nygm26PP1V8IMeTgLt2odtiGxWTgPLgOXe+fy20HNc45UH+UfiIfsG/4pWAu"
    "pLdjMQm0V+Y0SV/CGf6zDBTfYmI6cH79bERq5/MRTYf0c09FYm719OXl0MSgaJFiD+4KND"
    "dNHropsbF4vh5f15Bs3bO+hZRqpj8yNkRDJ71m3zh5ajZXYPxPBGQMT/C7/zmAkMLJtefE"
    "Xi7vM8YXJ0WMkV8nYGWjd8iC8sx/hhVu5jrrtK3gNr+3EAhZOVPdKIzXth31xi2oDPs3HO"
    "b4z6Qn+98xt+C4//ORqdnDwdPTk5f3Z2+vTp2bMnz1hbcb/5Q08rxusXlz9dvr1OGy58Rz"
    "XLlyirLkmSSCjI9J3X4aHOy3mo8xwPZbtNwA1bbwRsz2zyrskn5rZ6BhtUcYE3VI5vWko9"
    "nE9qMdUnFUz1SZ6pthCFttOI6JNE+sH08ctqpk8zfT2lBuowfezFS7yGrqsss4Xb2rMxTx"
    "k6QBlce8gG9BPb7cgAdhPg7YfXrwf5gWF3RMCBAisPhSWg7osDoIuXbHNQyABEx4bV/j9d"
    "MACiZjWyhc4fW/aNTQGXAUtmqSELUAIgBux1xJ5s/zkg7B0qcnZu0Yod5WFxYPNfLi3KD2"
    "rhjHW4B8RPLXpw4LFhSPxhKYD1ldiW5hv6zDesFVjXY0s0rh7bcFIr7eWkIu/lJJ/4Ij0Z"
    "eYwvcLDMvQ3SSUaJeJ8RH3xFnj1fGaJ7jIH8a4pd6PvsPWoZbOBBdAzSv6fYITc2HgPxxX"
    "7Z+NaApkkCzNrKv7LjXD0PvJYDXuF/ZxXKh9TGqUwpoT4rsjeEknaqy6FX16lG967NzraB"
    "1tOSCmr9QLRcK6sCUoqWLi3gMEvtPlnkYeuvLX0+6db6Gx2fPj19dnJ+ujb61nuqbL3Yrk"
    "vR75sMlTrZ7EAemMSTaqjhlKDWcZ917MKVQ2CBO1we15FEdFynlbhOjjndHwn1Hvl+iFAh"
    "DxUfHj5IRflSyxpslI885r899tnAASLR54AuEDAJubURWBD2DwAEHsQWWQJKbhEGdwvmpc"
    "bVZpxHikrQFshDRQRVNxepw1mJmHPIIkmJuM0IKl3e1nZ5m1BwY7c6LaVrhLRXvQX06nrV"
    "orDER+xR2bAoRZJVUPMHoulaRqQmUL4LNevio+9ByzpZVSerHniyquRt1XWhJBFd2tW/JD"
    "l1gK3Ikgui3Ctdy1WVwyU9qQ8XyekyxC7KEPdDT75Byxny/IXtDgrYSenosIqcXKbbtVom"
    "93H9CCf97lOGC9Q5ab3MSfOIs3G6VCzb5xSbAbljtzEG4muKobXk2U/ia4rDZ2IMwu8scV"
    "7HjGt/7iZNGpZDry5pqC13bbn3FVhtuWvLvb/g9tlyv+KpA5Mon7rAdk8dr7TeicgtkFKz"
    "2zbgXY98ta3wMfSD2X+RSbUJfxgmvKy6uvSqLNNn831jdrXtQoT4mWiAsSSiIMSjs7M6rs"
    "/ZWbnvw4+lUd5xhVS/IwRdFEhp77Icfe1dau9SO0F7c4L2Y6IL1AtM81gbVYtUuEas+k5n"
    "ndPJsntNlt131XaPUmQ7MUn0WhtSNKFeOKEqnpCviY8LwJvme+cE1bOxu3NiDFGVb29kah"
    "eeQCcP9jl5cP2smAuIbzbSeskptN77rHftT5ePtGr50w1qFaXS+3Ahu4LS+xeR5I+/vkMO"
    "LJlVOLdk3oF1gTLfMD09QTKB97Y4paYMP8hBsRqqqHZza5hS9awq9qkk2W1LrNLZdSpClY"
    "osbolWNp6pIl7MOqMGXfCX25ZoMc+LXosTKYsVwRSa1LCXLvG27VyX4iS/kJlKaHVJbSbZ"
    "HwX8Zio1pJzkTGWjaJZTXZZTs3Ads3AOLFlppMa0lJHs7rAezD2EGnZgIcNOxj6n2PXIGL"
    "CPwUb465xq7aVrL33vxon20rWXrr30XkAFbcND7Hb9rZ++y3fheVRFSvvnjf3zbXEKz6I4"
    "SAaf3bEdpF53OE9kX9DSlE8ZWl1SPsnoXjSPpTz0V+S1rV81tTifwRVGwISOI5Y8AeKEYz"
    "555JB92OYCxKUGAGIrPDwEC3LHTufTcGsZmItwy6YAMXVZ+UksO7vKtqu+6qKYXhbFhBZA"
    "w6TnlJBe2uxbxlr3fTbqNIQ0LaUxzbCCunSr+9It8TZogvBaQEF4j2uR28cV5PZxAbldte"
    "xSSS/ex1JLAw+5zqqrwEzX/ZhZywibK2PZZCWPtNBGa3n0bORtezUPSue0GaaShAY0D6iN"
    "3YAaYrbwJqhmxfS6M1lgSUA3QjYnp6HNQmsyO80I/ALT9hUy7SV0SsKDklg2OBjKHUXyhw"
    "ZwBXqvLl5evpm8fnQ8GoZGrv/FscNivvi9dpp7ebE+aJJmKQaSiIKGWPtRbuR5xDNMB/oF"
    "g0NFuVpaTL0in05MXp1SUI6+WikFel6x3ZfU60mw1JkEi4dR34Qs4KAgKiEfHlbFJURgdy"
    "m17DIb9WOaC96Y8NeJqm0nqio/YS2fU2IM+OcUM5vM5v+FjsF6Mxsa21NKJcG0cEmHa3Rf"
    "4oZKIjuk/PbQu68v/rxOGTS59RHXRs3rq7c/xc2ziyZmJiCjkAYlhv3DPT+R3iH0zHtzxU"
    "uo4RPgImwx6Mcg2phy4BFcin3rzSmOzz8G8dYUz6HtIIvfDv+e4jubLhYMmTGIt/rx/Pjo"
    "SwMGJ2qteZssb8OAMch87qOiVJPypVwzYv1YzpVf76CXcy0gI5gZtwEXEUmpR0Wc1xlHzs"
    "vHkfNi0qfJW3gtoAK6u34J7yVe3zPMFQvX9xrdbqL1UYc0bIqWhUTWw51ZllUP9k4qADVj"
    "XI6+uoxx4Fobaj0tqbXeF63HGElqz2XB7zX7tG967iRCQNeFOVuGB5Ss8hlm4gOprtW34E"
    "CEfklsINHNA6GBpEd0HBnIBlukgVoHB/YbHKA2LYsOlIy5sUCfQwJ9smI5kdwI4bXADonn"
    "mWejOQdqJzh3sNgIx4xPABtXf9elibNyuyOMj7uCumXC2PLgvMAUL6eK1wJbkcQ9c3d3zQ"
    "a7Hlm6tLxHVxIOGUn16IbTOgPIafkAks+2XNM07LocunWdbWOeJ3sC9dBvf/heg8eeCJdd"
    "ujhbrAb4GXn1sNdEm6ZcUu000aa13oRoi5/Y2aoh2ZYT1ISbXkNZ5zrvH9yWcp2LB4kWIF"
    "Z8mbbcuNiULc5NGNHCLFxSfrgisHc6C1A8IVcRo57M1VVBp0uNWl5mOjXYhQulZVeZrpxu"
    "Zyi4cSaRbxWluH7iT34CFPtXN2LnAN27XjwzY4RgBE50w3HH++lSECDonv1z/jvs7ZrV/2"
    "5X4Nu3+d79Gnxz2/Op0XQO8LSUAjn9OyAnHLgB0CkhjXPdONWBlUv4wYyjOUNWQ9wlyTFI"
    "tqc4wPIR+dcUzwh7L/Dd0UZUTsF0xHcm24ONNNp2uQSk7PqzgBZZk+Wxm7RUP7L8+WWVyf"
    "IXxlVOIRPPg6uSeHskkNHF91JqwbPMP37Kl9L5CFPDJ4FXxAKUvxfykjscrpj7EYTzmhxi"
    "3UQM3QZBgpSkXp6zP+xwPigQ6yqcGL7pYxVKqRd1Oz+t8zSdlj9Np2VPE2VOcx7pypLglJ"
    "wKWO+6JkmHO8u7/WEGvnS483vUep1wp47J6ZhcH8IXw5bnH5K43hZWmIqCHHXXmDoU0NM8"
    "IvNgjdYWUOIrkqi5iNIO4mxhPysPtq374YMRt3B9tVpxN7EghmOzDzIHEEQn+IcP+Eub73"
    "8O+NTPHpgzGy9gAx94xCxtyx8C4iLMvo6Ojn4A7I7YTrBAHipecqP1K9QpsFmvIaMX2ziM"
    "xTZu2Z9v4mDH7RUMz7Wfy81Rb0J6x+013d063a1d7fKn4DCdrjqudvp1VDvBNCWlHa5qh0"
    "tKOdrS3VJvNcJhNkUv1bN6Vc0trW9Ybg/Hyx8+bA7HL6tOs9DETWaT0HTG114zvpomyOw+"
    "N0aXSGlD5tAMGc0ea/a4jwZNe+yxJkT3Sogm6zUXWH+pxZwftv3CBaTrc6Ev3/8OQpnnwC"
    "QBg0EsBfz5s0fufMMiGH3+DKCHeGrj0qZMkWJGaICguQAzSPniwD5fW5g95hR6NJ/52NFl"
    "pvi/ZMZ/BkvETjbnlCozVQFP+pXOImR3v2Kxtm3btm3ntoMMFzLjroGBmxJS0Mo9flJ3pt"
    "PKqU7zy4559o2NodM45T4nqFza/VktxM8qAD9TIu2eNQ2ap9yHUmMQfk+xF2As1ieINpLV"
    "CaxkeQIruz5B9hWzn+R6EUtuNvhLInpN70y8JnAd2+QTcbmEbRTUHNd7GIrOs8tqlNvQ7m"
    "1Uh8JkxoB/TnGYZjYG4fcUi3nnx2A9/XzzN0St90PF2yE30TgzQqNJ4urG1iQRHV5rPbxG"
    "CWUvXG5I53VSvhhzSkivkJJbjVk4K6hgdC9PjpBENKBZQKP82QZ4ShIaztwKPuxt4TaCU5"
    "LQcGbhTOzKmmgmAhrMLJhrTqcBnikZDWkWUr1e0S5rgzzE3+SN2aaMmArI74Zu0nHVcgWo"
    "G1fVtViqaT3GSE89qaeePHRgdaKCnnryINDdeurJLlMbMgkhBfkN+ZSR8iSHTPWeaNxyjm"
    "s2hzbOsM5PtyjlE+sCq34WWGm/QjULUxee7Mm2lMfFDZFtJ/itDrwP1/Ws30LtFPe87jDK"
    "2gdDKN/PaliauoJKgQqqq4DOyH0833mBlZluUGlkEtHUWEptH8yknQCejEoJWPCsVvbNM1"
    "FFjhMgrNOIn+wU2IdhIgJdQAruPEIRsCkT8pOM1fyEAm2efIqn+Jq195ADV2AJmWPGk3D5"
    "L2HtfP78XJxv8u4/4qq2BWwf+AIckYErmrIbE618BjLwyB2gd7aJpvgRBKYH/QWYIXqHEA"
    "YIh/fJb5xfjAn+EO/0xSn4Rfi/qJ2im9yrUM1XaIvHSs9z0F8znOm4cSKpLKNm4m69QEpV"
    "HCU3269XNK1sxTy/XuGssnvKydrX5LKd5GTxd1ozZSQS/VCHUilyfDRptphgItHO6LPf10"
    "D3pbEeYv+zxDWsipjLUgoGzEfP6gzzo2flwzw/lhnmZZsnB3Y1r5WVVZDZOhAmqyBWWkBl"
    "aQLzOyQw0y5OE62nJfUk631+tiFzyJdu0aSdpW6pLKJzJLM5kmK5n8aJkmkpFUyQXWRL5r"
    "jr/fB+E+TZ5mJQQPhFR4ZVTB9M2rQaRd5mUqTvhZLa8qkvJ5u+Is+P5qio64VIIgpSTaOz"
    "szru3tlZubvHj2V8ELfR0iBRcwXR7YTI44GWaEbjuvSRJLJ7/mg/L7PWmKK9vsy+/R8Iyq"
    "oW"
)
