from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "chat_message" ADD "provider_item_id" VARCHAR(200);
        ALTER TABLE "chat_thread" ADD "provider_response_id" VARCHAR(200);
        ALTER TABLE "chat_thread" ADD "provider_conversation" VARCHAR(30);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "chat_thread" DROP COLUMN "provider_response_id";
        ALTER TABLE "chat_thread" DROP COLUMN "provider_conversation";
        ALTER TABLE "chat_message" DROP COLUMN "provider_item_id";"""


MODELS_STATE = (
    "eJztXW1z2zYS/isYfUpnlEws20pOvbkZJXFbXxK7lyjXTuMOA5GQiJoCGBKMounlvx8Avr"
    "+alESJYvBFEgEsSD0LgLsPFsDfgxU1kOU+mdr4NdoMJuDvAYErxH9kcoZgAG07ThcJDM4t"
    "WRTaWLsPCs1d5kCd8eQFtFzEkwzk6g62GaZEFJ6CNXXuXRvqCEx/vQZccAJck64JoETnAi"
    "6jDjIAdMH7X6aPR5fjIXCQTpcEu+KGYL4BmLnAdtACf30ibmpQnd8Vk2VL9XsEf/aQxugS"
    "MRM5/C4f/+TJmBjoK3LDS/teW2BkGSkUsSEqkOka29gy7cOH61c/yZLi2eeaTi1vReLS9o"
    "aZlETFPQ8bT4SMyFsighzIkJEAmHiWFagiTPKfmCcwx0PRoxpxgoEW0LOEmgb/XHhEF9oB"
    "8k7i4+JfwaMlimnaze1Me38107RBTqviETKKCJJ0SkSLwIQJoP7+5tcbAyJTB+IGL3+Zvn"
    "t0Pv5BQkBdtnRkpoRr8E0KQgZ9UQl6jLL8zuH80oROMc5h+QzS/EG3wThMiEGOm34IXwhQ"
    "C5AOVvCrZiGyZCa/PHv6tALj/07fSZh5KYkz5X3V78M3QdbIzxN4x/j6faEJwrHEfjB+uB"
    "0fDOFRHYBH5fiOcvDyIUozoWs2ATgp0zuIxxc1IB5flEIsstIQuzoVdeQA/vf725tigGOJ"
    "DLwG1hn4H7Cwy9oaLRJj8tzDFsPEfSLud4xhWSAkal657mcrCfOjt9Pfsxp4+eb2RXb8Fh"
    "W8yKhDd5CATIMsr5JXPIfhFSpWS1oyq5pA9En44xSHc/4HjVtibYIeWKGa2fXbq/ez6dtf"
    "U/p5NZ1diZyRTN1kUh+NMzqLKgG/Xc9+AeIS/HF7c5VVY1Ru9sdAPBP0GNUIXWvQSAwWYW"
    "qIWkrrFnSZ5rlb6T0ruwfNB4/cFcWfiKJDTCo17aAv9H4rPacllZa7rOVwLJ5vtGZ+Tk5w"
    "ny5PdxX8oIcTQxv5sA2RzcopYDmwwjtf3Bd6jhFeeZB/og7CS/IabSTU1/xhINGL/MaAKv"
    "ktWddpghunxiOnA9cRsZFrXxwF/t8R872V6fuX01dXg5JBYg8Qf3DRKbroddHNjYvF8Ir2"
    "PIf6/Ro6hpZq2CKHjmgmJSqbz1qNVtkUSOBSQiT+i3jykAn0DMyuviD59HmeMM4dVnKFop"
    "yGooIP8YXlGD/Myn3MNdeE98DLfhxA6WRlcxqxeS/w8pqwBnweJjm/MWgL3fXOl+IRHv9j"
    "NDo/fzZ6ej5+fnnx7Nnl86fPeVn5vPmsZxXj9Yvrn69vZmnDRSRUs3yxsuqSJLFED5m+cR"
    "0ealzOQ41zPBS2m4Drl94K2I7Z5G2TT9xtdTQ+qJICb6gc37RU/3A+r8VUn1cw1ed5ptpA"
    "DGKrEdGXEOkG0yduq5g+xfR1lBqow/TxFy91GrquSZkd3NaOjXm9oQN6g2sH2YBuYrsbGc"
    "AfAtx8ePNmkB8YDkcEnCiwyaGwBNRjcQDMfMl/DgoZgCBvWO3/M5MDEBSrES00fmzgJWZA"
    "yIAVt9SQARgFkAD+OuI92/0RUP4OlTE792jDc8W0OMDiymZF8UF7qLEO94BE1bIFew4fhu"
    "QfTkxgfaHYUHxDl/mGSIF1PbZY4/1jG85rhb2cV8S9nOcDXxI9I4/xFfFWubdBOsgoFu8y"
    "4oMvyMGLjSabxwQkr+6IDV2Xv0cNjQ88iE1A+vqOWHSJyQTIL36Fyb0GdZ16hJdNXmXHuX"
    "oeeC0HvML/zipUDKmNQ5lSQl1WZGcIJeVUl0PfX6cafbUxr20Lracle6j1E9FyragKyBha"
    "2ayAwyy1+5IiD1t/+9Ln03atv9HZxbOL5+fji8joi1KqbL3QrkvR79sMlSrY7EQ6TOxJNd"
    "RwSlDpuMs6tuHGorDAHS6f10mIqHmdvczr5JjT45FQ75Hr+ggV8lBh9vBBKspNlKzBRrnI"
    "4f7bY5cPHCAQ/REwEwGd0nuMgEn5PwAQOJAYdAUYvUcErE3upYarzQSPFCxBM5GDigiqdm"
    "5Sh7OSc84+i5QIxG1GUKnlbfte3iYV3NitTkupNULKq94B+v561XJhiYt4V9lyUUpCtoea"
    "PxFN1zIiFYHyXahZLT76HrSsglVVsOqJB6smvK26LlRCRC3t6l6QXH+ArYiS84LYK7WWqy"
    "qGK9FTH14kp5YhtrEM8Tj05Fu0miPHNbE9KGAnE7nDKnJylS6312VyH6MuHLe7PzNcoIpJ"
    "62RMmkOtrcOlQtkuh9gM6Jo/xgTIrzsCjZWIfpJfd8TvExPgf2eJ8zpm3P73blKkYTn0/S"
    "UNleWuLPeuAqssd2W5dxfcLlvutyJ0YBrEUxfY7qn8SuudytiCRGj2vg1426FfsOF3Q9eb"
    "/4V0pkz40zDhk6qrS68mZbpsvm/Nru57IULYJxpgnBDpIcSjy8s6rs/lZbnvI/LSKB94hV"
    "S3ZwjaWCClvMty9JV3qbxL5QQdzQk6jokuUS8wzUNtVB1SYWuh6lvddU4Fyx41WPbYq7Y7"
    "FCLbikmiztpIzCbUm06omk/Ir4kPF4A3jffOCfbPxm7PidHkqny8laldWIEKHuxy8GDUV3"
    "QTkuVWWi+pQum9y3pX/nT5SNsvf7rBWsXE0nv/ILuCpfcvAsmfXr9DFizZVTh3ZN6JNYEy"
    "3zC9PUG8gfeuOKW2DD/JQbEaqmDt5s4wpdaz9rFNxcFuO2KVjq7rI1SpmcUd0crOZ/YRL2"
    "6dMY2Z4uW2I1rc82IzWVGfsGqTrIvjGQoYu1SwQzltl4qvULxdf3k7xSu1zCtZsOTsjBob"
    "LQayh8N6sHAQatiApQyvjH/eEduhE8A/Blvhr6KEld+p/M6jGyfK71R+p/I7OwEVxJqD+O"
    "O6O/e+63d+PX1FSnmcx/M448ZVtDFcsuVVBIpELb2Wyzm4JQjo0LLkGQJAVjgRu7EN+QfW"
    "TRDG7gJIDD97CEy65tW5zP+18nTT/4UZQFxdRn5XuNbususxiirKvJNR5v4A1DCKMCWkzg"
    "r6ljEWXJePOg0hTUspTDOkhFoL0f5aCPk2aIJwJNBDeM9qcWtnFdzaWQG3VnWOSUkrPsbZ"
    "JQMH2damLV647XbMzWVE9I22arI1flpoq83xOzby7nt7fMYWrBmmCQkFaB5QTGyPe4Bi+9"
    "0mqGbF1EEOWWCpx7ZCNienoM1Cq3M7TfPcAtP2FdLxClolsxMJsezchC/3JJA/NYAr0Ht1"
    "9fL67fTNo7PR0Ddy3c8W9lfHhO+1i9zLi7dBnTab4UyI9NAQ2/8kG3Ic6mi6Bd2CwaFi/U"
    "darH9R862YvGpGsxz9fs1oqo16vp+DqDsK7knvKiNmcd76LOCgYFYimT2smpeQ80qrRMk2"
    "g+E+prngrQl/FSe37zi53u8AKRZpT4D4vCPcJsPiv7AJiH5mp8aOFNFFCSvcI32Gvpa4oQ"
    "mRA1J+R2jds6vfZymDJnfgWGTUvLm9+Tksnj2FLLOjD4PMKzHsH275sfQBoefemy1fQg17"
    "gI2IwaGfgODHnQAewZVMi37ekbD+CQh/3ZGFPM9ePI74viNrzEyTIzMB4a9u9B8XfW7A4A"
    "SlFW+T5W04MBpdLFxUFJZTfjZiRqwb5yOK+530+YgFZAQ347bgIgKp/lER4zrjyLh8HBkX"
    "kz5N3sKRQB/QPfRL+Cjz9R3DvGfT9Z1Gt53Z+qBBapihVSGR9XBjTsr2D/ZWFiApxrgc/f"
    "4yxp5tbKn1tKTSele0HmKUUHsuBv6o0add03MrMwQsWhew4/RALxcZDDPzA6mm1bXJgQD9"
    "krmBWDcPTA3ELaLlmYHsZEtioFaTA8edHGCYlc0OlIy5oUCXpwS6ZMUKIrkRwpHAAYnnuY"
    "PRQgB1EJxb2L1fYCZ2VAwXn9alibNyhyOMz9qCes+EseHARYEpXk4VRwI7kcQdc3cPzQbb"
    "Dl3ZrLxFVxIOGcn+0Q0XdQaQi/IBJB9tGdE0/L4CumihbWOeJ1tB/9Df//Adgcd7hM1vXR"
    "wtVgP8jHz/sFdEm6JcUuUU0aa03oRoC3vsfNOQbMsJKsJNHUqqYp2PD+6eYp2LB4k9QNzz"
    "c49y42JTtji3YcQeNgFKxIf3BPZWdwG69dicfq2IuU8XGFae5CqLNoq7H0zBX3QuNuoxxW"
    "Y8/JuZCHB1eAhQ3rfkJa+CuNCnmxlXMVg7lCGxNY8JXRHPucKMFW0EtM/K78gdmfHyDm+F"
    "G7CCfGABnz7JK2kPfvr0o6xv+u4/8q7YANgFrgRnCFzqC/IHk6VcDjJw6BqwNdbRHXkEge"
    "5A1wRzxNYIEYCI/5xyiyJ+My74Q5joyirETcS/qL0zUfysUjVfIJY9Qe1M1N2dibiOtaab"
    "/SZlejhT0UqYE3SWjWKCw/IqGHjv9K94pzVTRizRDXWI2/ZGHWI0acZIxhK9OySwFQoy2E"
    "CxIcppqf6xvWej53WG+dHz8mFe5GWG+aTNkwO7mvnLyvaQ+ztdri9P8Spiv7yjnSbFW4fY"
    "T7s4TbSellQnE3a5b0PukK/solV8pW5pUkStjMwGuliQWxKNV4elpfpgghxiiViO3T9OMO"
    "0UOVg3B0Vbf/s5w8p9v+MynTlm6nuhpHbs9eVk0xYRV7uGWnXONGr/CG3RqRogHBTvIbrt"
    "bLVWttVIOX1UvtXIAfijE4/bPOrL7Nv/AbBpgiU="
)
