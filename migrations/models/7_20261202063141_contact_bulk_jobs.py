from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "contact_bulk_job" (
    "id" UUID NOT NULL PRIMARY KEY,
    "action" VARCHAR(20) NOT NULL,
    "params" JSONB NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "total" INT NOT NULL,
    "done" INT NOT NULL,
    "affected" INT NOT NULL,
    "last_id" UUID,
    "error" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "created_by_id" UUID NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    "workspace_id" UUID NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_contact_bul_workspa_a5434c" ON "contact_bulk_job" ("workspace_id", "created_at");
COMMENT ON COLUMN "contact_bulk_job"."status" IS 'queued: queued\nrunning: running\ncompleted: completed\nfailed: failed';
COMMENT ON TABLE "contact_bulk_job" IS 'A bulk action by filter too large to run inside a request. Contacts are processed in';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "contact_bulk_job";"""


MODELS_STATE = (
    "eJztXW1z2zYS/isYfbl0xvUk8ktyys3NKInbuk3iXuK0nYs6DERCFmoKYEDQjqaX/34A+P"
    "5qUiIlisEXSyKxJP0sCOw+u1j8PVpRC9nu8dTBv6D1aAL+HhG4QuJL5swRGEHHiY/LAxzO"
    "bdUUOti4DRrNXc6gycXhBbRdJA5ZyDUZdjimRDaegnvKbl0HmghMf70EQnAC3CW9J4ASUw"
    "i4nDJkAeiC9z9Nvx+fnR8Bhkx6Q7Arbwjma4C5CxyGFvjLsbypRU1xV0xuOrq+R/BnDxmc"
    "3iC+REzc5eOf4jAmFvqC3PCnc2ssMLKtFIrYkhdQxw2+dtSxDx8uX/2gWspnnxsmtb0ViV"
    "s7a76kJGruedg6ljLy3A0iiEGOrATAxLPtQBXhIf+JxQHOPBQ9qhUfsNACerZU0+hfC4+Y"
    "UjtA3Un+Of138GiJZobx9uraeH9xbRijnFblI2QUERwyKZE9AhMugfr7q3/dGBB1dCRv8P"
    "Kn6btHJ+ffKQioy2+YOqngGn1VgpBDX1SBHqOsPnM4v1xCVoxz2D6DtHjQTTAOD8Qgx10/"
    "hC8EqANIRyv4xbARueFL8fPJ48cVGP82fadgFq0UzlS8q/47/DY4NfbPSbxjfP13oQnCsU"
    "Q7GD/cj3eG8LgOwONyfMc5eMUQZSyhu2wCcFJmcBCfn9aA+Py0FGJ5Kg2xa1J5jRzAP7+/"
    "elsMcCyRgdfCJgf/AzZ2eVejRWJMnnvY5pi4x/J++xiWJULyyivX/WwnYX70ZvpHVgMvX1"
    "+9yI7f8gIvMuowGZKQGZDnVfJKnOF4hYrVkpbMqiYQPQ6/HOJwLv5B64rY6+ANrFDN9eWb"
    "i/fX0ze/pvTzanp9Ic+M1dF15uij84zOoouA3y+vfwLyJ/jv1duLrBqjdtf/Hclngh6nBq"
    "H3BrQSg0V4NEQtpXUbutzw3I30npVtQfPBI/dF8Qei6BCTSk0zdEdvN9JzWlJruc9aDsfi"
    "+dpo5ufkBNt0efqr4Ac9nBjayIdtiGxWTgMrgJXe+eK20HOM8MqD/ANlCN+QX9BaQX0pHg"
    "YSs8hvDKiS35PXOkxw46PxyMngfURs5PqXQEH874j73sr0/cvpq4tRySDRAsQfXHSILnpd"
    "dHPjYjG8sj/PoXl7D5llpDq2PEPHNHMkaps/tRqvskcggTcKIvm/yCcPmUDPwvziDqmnz/"
    "OE8dmjSq5QtjNQ1PAhvrAc44dZuY+57prwHkTbjyOonKzsmUZs3gt8c0l4Az4Pk5zfGPSF"
    "/nrnN/IRvv/neHxy8nT8+OT82dnp06dnzx4/E23V8+ZPPa0Yr19c/nj59jptuMgD1SxfrK"
    "y6JEksMUCm77wOD3VezkOd53go7DQB12+9EbA9s8m7Jp+E28oMMaiSAm+oHN+01PBwPqnF"
    "VJ9UMNUneabaQhxiuxHRlxDpB9Mnb6uZPs309ZQaqMP0iYmXsoaua1JmC7e1Z2PeYOiAwe"
    "DaQzagn9huRwaIhwBvP7x+PcoPDLsjAg4U2ORQWALqvjgAvnwpvo4KGYDg3FG1/8+XAoCg"
    "WY1sofPvLXyDOZAyYCUsNWQBTgEkQExH4s12nwMq5lCVs3OL1uKsDIsDLH85vCg/qIUr1u"
    "EekLy06sEeE8OQ+ocTAaw7ii3NN/SZb4gUWNdjizU+PLbhpFbay0lF3stJPvEl8WbkMb4g"
    "3io3G6STjGLxPiM+ukMML9aG6h4TkPw1Iw50XTGPWoYYeBCfgPTvGbHpDSYToD7EL0xuDW"
    "ia1COibfJXdpyr54HXcsAr/O+sQuWQ2jiVKSXUZ0X2hlDSTnU59MN1qtEXB4urbaD1tOQA"
    "tX4gWq6VVQE5RyuHF3CYpXZfUuRh668tfT7u1vobPzl9evrs5Pw0MvqiI1W2XmjXpej3TY"
    "ZKnWx2IC9M7Ek11HBKUOu4zzp24NqmsMAdLo/rJER0XKeVuE6OOd0fCfUeua6PUCEPFZ4+"
    "epCKchMta7BRLmLCf/veFQMHCESfA75EwKT0FiOwpOI/ABAwSCy6ApzeIgLul8JLDVebSR"
    "4pWIK2RAwVEVTd3KQOZ6Vizj6LlEjEbUZQ6eVtbS9vUwpu7FanpfQaIe1VbwH9cL1qtbDE"
    "ReJV2XBRSkJ2gJo/EE3XMiI1gfJNqFkvPvoWtKyTVXWy6oEnqya8rbouVEJEL+3qX5LccI"
    "CtyJLzgtwrvZarKocr8aY+vEhOL0PsYhnifujJN2g1R8xdYmdUwE4mzh5VkZOrdLtWl8l9"
    "jF7huN/9meECdU5aL3PSGLU3TpcKZfucYjOi9+IxJkB9zAi0VjL7SX3MiP9OTID/mSXO65"
    "hx7ddu0qRhOfTDJQ215a4t974Cqy13bbn3F9w+W+5XMnVgGuRTF9juqfOV1jtVuQWJ1Oy2"
    "DXiH0Tts+a+h683/QibXJvxhmPBJ1dWlV5MyfTbfN2ZX216IEL4TDTBOiAwQ4vHZWR3X5+"
    "ys3PeR59Io73iFVL8jBF0skNLeZTn62rvU3qV2gvbmBO3HRFeoF5jmoTaqNqlwjFD1nVad"
    "08mye02W3feq7R6lyHZikui9NhLRhHrhhKp4Qn5NfLgAvGm+d05weDZ2d06MoVbl441M7c"
    "IL6OTBPicPRu+KuYTkZiOtl1xC673Petf+dPlIOyx/usFaxcTSe38ju4Kl9y8CyR9+eYds"
    "WFJVOLdl3oF1gTLfMF2eIC7gvS1OqZLhBzkoVkMVrN3cGqbUetYh9qk42W1LrNLZdUOEKh"
    "VZ3BKtbDxziHgJ64wbfCknty3REp4Xv1YXGixWlHBocmPu2bfGX3S+JWAvxGV+pvOho4VX"
    "DmXbvoqX6iIDQ6tLIjjOlSlgg1OJNOWUcCp3R3PCw+WENWfZMWdpw5J9WWoU8Qxkd4f1aM"
    "EQatiBlYy4mPg7Iw6jEyD+jDbCX2ega05Dcxp7N040p6E5Dc1p9AIqiA2GxOO6W799l+/8"
    "6wwVKc1maDajU7S27VX+VQYOkiErh7aD1OsOa5D2BS1NkJWh1SVBFs+FRTVSkxNlRc5kND"
    "HXYshGVwQBE9q22k4HqAtOZGHSI/EHm0sQLmMBkFj+6SOwpPfici73v608c+l/wxwgoS4r"
    "XyC1s7tsu6OwXnDVywVXvr3UMKE+JaS3zfua8W1cV4w6DSFNS2lMMxyqXhbY/bJANRs0QT"
    "gSGCC8T2qFAp5UhAKeFIQCqrb0KunF+9jGa8SQY6+7CmN13Y+FtYyIuTZWTXaJSQtttE9M"
    "z0betneK4XzBm2GakNCA5gHFxPG4oSrRN0E1K6b3NMoCSz2+EbI5OQ1tFlpT2GmG5xaYtq"
    "+QiVfQLgmmJsSyoVRf7jiQPzSAK9B7dfHy8s309aMn4yPfyHU/29hfKBrOa6e5yUv0QZM2"
    "S8hIiAzQEGs/JwAxRplh2tAtGBwqlkKmxYa3gKwTk1cnYJSjP6wEDF2zbvflGnSBteEUWJ"
    "NB5zc+CzgqiEokTx9VxSVUGHyVaNll7u7HNBe8MeGv03rbTusdfDFkWa9kAuTfGRE2GZb/"
    "C5+A6Gs2NLanBFRKeOF2IdfoS4kbmhDZIeW3h959ffHHdcqgye29GRk1r6/e/hg2z27ImS"
    "luxyH3Sgz7h3t+LL1D6IX35qhJqOEb4CBiCegnIPgyk8AjuFLHoq8zEl5/AsJvM7KA2EaW"
    "fBz5OSP3mC+XApkJCL/14/1x0ecGDE7QWvM2Wd5GAGPQxcJFRakm5dsEZ8T6sVWwvN9Bbx"
    "VcQEYIM24DLiKQGh4VcV5nHDkvH0fOi0mfJrNwJDAEdHc9Ce8lXt8zzAcWru81ut1E64MO"
    "aWCOVoVE1sOdOSk7PNg7WS+pGeNy9IfLGHuOtaHW05Ja633ReohRQu25LPi9Zp/2Tc+dRA"
    "h4tIxpy/DAINdEHWXiA6mu1bfgQIB+SWwg1s0DoYG4R3QcGcgGWxIDtQ4O7Dc4wDEviw6U"
    "jLmhQJ9DAn2yYiWR3AjhSGCHxPOcYbSQQO0E5w42spGYyeLC4Vr5ujRxVm53hPGTrqBumT"
    "C2GFwUmOLlVHEksBVJ3DN3d9dssMPoyuHlPbqScMhIDo9uOK0zgJyWDyD5bMuIphH3ldBF"
    "62wb8zzZCwwP/faH7wg88UY44tbF2WI1wM/IDw97TbRpyiXVThNtWutNiLbwjZ2vG5JtOU"
    "FNuOn9uXWu8/7BbSnXuXiQaAHigW8BmBsXm7LFuYIRLdQsS+SHDwT2TqsAhVXLChj1REGz"
    "Cjo9U0StFqc+mgLZHsAgq20NFtjmiAFOKbAhu0GydA/zCMDEFd4NgCAoM3QMgrpYLoAMyU"
    "o+ptA3skTDUQbkTm4yI9gClAmH6zn49MmGLhdd/9MnVUmILxHwd11QYiZdrTAXvU9lkwIE"
    "zSUwlx65PQIuVTcTwweT5wVsM2JCxjBygXhUuFCPKS4nb5C4kBLffSUiHXtoO/bg98kmfn"
    "4sMcjoQ9sp0w5ksKhOQzl3G0v0I8NX3nYwGb4HuCBBNPWQ1VABgdQE+J8zIqYXopYiBF/i"
    "hQhWvBLByi5FyE5l+3mHOOWwILmyvNRJ2F4vPchFkigpcNlKkQybayCzQMLFApkcFRgppW"
    "AmRTSgWUADE7aJ0ZcQ0TX69AqL/a2w0MGb8mHiMGl8Hbz5FrWugzc6eDMUYHXwRgdvDgLd"
    "rYM3nab6B9uEFOX5xzuIPBiVqBWMaJTg/zH9FqMVxLbPptel3o8Uay4k8q0CnutP2aVjoM"
    "R/daMOjtAXh4W7awUIBuAEDxz24B8vFYUnvA4G5W9fjZrv3xvf7/eTHNAVxQ1CgQGy/Se1"
    "qMqTCq7yJE9WLjBzudF0H9e01AAqDe0gZVLRP02BTglpnOuunjmwmInrzSWa8+Zxk1hyAu"
    "LvM+KR5JnkrxmZUzEvyMPBlyC2InQUBVfU935EUyAX9597vCjHpTwqmZbSkclqDnGDyKQy"
    "rnIKmTIG1yVRrkAgo4tvpQCUZGY//pkv8Ociwg2XeqzIvS2fF/KSOxyuhPvh+RHL7qeI9q"
    "s5hdBtwH6nJFvgQQ8oDtFv2jPPdoe68jf3bfpa+VJDiC1l3qbTOm/TafnbdFr2NnHhNDcJ"
    "4GXlhoC1juP1RhUHGtHRcbxvUet14ng62KSDTX0Mh2y7K0KC671DpKXNvy/uUHcZavtYyZ"
    "LiEYUHa6zQao6Yu8TOlojJfdLfRBcbEmY7iLP5/aw82Bb1w4fXAaGoaa3NwG0s/tAFgCC4"
    "wD9cICdtefw5kBtSMrAQNp4nBj7wSFjalnsEqIOI+Dg+Pv4OiCcSB8ESMVS8EXjrd6iz9C"
    "ba2X67hTd6C3B5bhdbgN+Kf76Jgx22H2B4rv0KMxL1JqR32F7T3a3T3drVLn8LDtPpquNq"
    "p6ej2pmTKSntcFU7XImUoy3drUSG02EC+3DuWapn9TDxTHoTFfbw62AKetgcDierTrPQ1E"
    "Nmk9B0xtdeM76aJsjsPjdmZwalLtymDZmWDBnNHmv2uI8GTXvssSZE90qIXq4cynhJQaT4"
    "ZC3bD6vm9bnQl+9/A77M86iOELHAp0+M3ruGrAkgCw2VVBaaQ24us5WFCgnR9m8zI3/Ruf"
    "zprZBbXr1IyerqRYdv2y6wjQwHCuOugYGbEhqglfvkcd391yo3YMsZupThG0yg3TjlPic4"
    "uLT7s1qIn1UAfjaItHtdqkjFkhtWMcG6iklqvE/EazzHxqbcHsSh4kvBYtp6L0PRdXa5Gu"
    "XWt3sbrUMRMhMg/86In2Y2Af7njKhaLRMQlWxpPkPUmh8qZofc9qfCCA22rqkbW0uI6PBa"
    "6+E1VQLNkIZ0XifVddMiIV2iKluiyndWGtX8SopoQLOABvmzDfBMSGg4s3DK2cJpBGdCQs"
    "OZhTO2K2uiGQtoMLNgRpxOAzxTMhrSLKS6xt8u1wYxJGfyxmxTRmwIyO+GbtJx1XIFDDeu"
    "qtdiDU3rIUa6pqKuqXjowOpEBV1T8SDQ7XVNxUxCSEF+Qz5lpDzJIbN6TzVuOcc1m0MbZl"
    "jnyy0m8on1Aqt+LrDSfsXQLEy98GRPtmVyXNwQ2XaC38OB9+F1PdEs1M7intcdRln7YAjl"
    "+1kNS1OvoBrACqorj8/pl3AX1gIrM92g0sikqqmxSrStsbWoTEblFCzVnpxUZaKqHCdARa"
    "dRP8UliBvsC8qXkIN7RjkCmAshN85YzRcUaPPiMzIj16I9QzZcgxUUjplMwpW/lLXz6dNz"
    "db3pu/+ou2ILYBe4ChyVgauaigdTrVwBMmD0HvB7bKIZeQSByaC7BHPE7xEiABH/OeWDy5"
    "sJwe/Cg666hLyJ/C9qp+jGz6pUcwexeq10nYP+muFCx40TSZMyw0zcrRdIqYqj5Kr9sqKy"
    "shV1fllhVdk95WTtq7hsJzlZck5rpoxYoh/qGFSKnBxNiuaA6vGncBbYcPTZ7zTQ/dLYYB"
    "fzhiinpQYYMB8/qzPMj5+VD/PyXGaYT9o8ObCrea2s7ACZrQNhsgpipQVUliYwv0ECM+3i"
    "NNF6WlIXWe/zuw2FQ75yiop2lu8qnRDROZKFu0o3TpRMSw3BBNlFtmSOu94P7zdFDJvLUQ"
    "HhF5w5qmL6YNym1SjyNkWRvhVKasu3vpxsukPMDWpU1PVCEiIDpJrGZ2d13L2zs3J3T57L"
    "+CBOo61BguYDRLcTIk8GWoKKxnXpo4TI7vmj/UxmrTFFe53Mvv4f591kiA=="
)
