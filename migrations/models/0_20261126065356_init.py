from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "outbox_message" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "job_name" VARCHAR(100) NOT NULL,
    "args" JSONB NOT NULL,
    "kwargs" JSONB NOT NULL,
    "job_id" VARCHAR(200) NOT NULL UNIQUE,
    "request_id" VARCHAR(128),
    "available_at" TIMESTAMPTZ NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "relayed_at" TIMESTAMPTZ,
    "attempts" INT NOT NULL,
    "last_error" TEXT
);
CREATE INDEX IF NOT EXISTS "idx_outbox_mess_relayed_32f5fa" ON "outbox_message" ("relayed_at", "available_at");
COMMENT ON TABLE "outbox_message" IS 'A job to hand to the queue once the transaction that wrote it has committed.';
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJzlWG1v2zYQ/iuEPqVAFrhKHLvdMMBJvdZDY2+JsBVtCoWWaJuLRLokVcdo/d/HoyTrzV"
    "bizGkS75PNeyGPz0OeePfNCrlPAnkwiNSQ35wRKfGYWK/RN4vhEP6sNthHFp5OMzUIFB4G"
    "xoMbUzfM2Q6lEthTWjvCgSRa5BPpCTpVlDPw6aB/+BApjiaY+fCrJgR9iUhEEGceMUM9BZ"
    "N6Fu2ix1ihmeCKIKq0k0QeD0OqFPEPYEWfe3pJysbbnvySXTJH2wsS4DkKsbiW6OrKjIjv"
    "YnV19bOZr3P+p1mV+ohKJA04+0jy2FEHZqykBhkJPkNqRj1yyfYw8gSWEzQkakYIQ4TFcU"
    "LgsJh2fJEKpZkCFoFdmG1HjGqVq/iYaJ3Qm//0WYsp88kNkTD8ZGWxGmq+YhpAcDD+DMbT"
    "a3dESeAXTgH1wdjIXTWfGtkJHfeY+s3YAuRD1+NBFLLMfjpXE86WDpSZJceEEYE1mFqmRA"
    "SngUVBkByf9IDEW8lM4j3kfHwywlEAZwq84wAymeW6/YHjXnQd17Uq5y31yJ2SRORxBmdV"
    "hyoNAOY2/PTKtg8PW3bj8LjdPGq1mu1GW9uaeKuq1iIOJkMrnspg1nvb6zsQENcXIr4vIF"
    "gYH6xw7GWoytDXHLvmf4WD0wkWqxnI+5R40Bss85CiXkdEKsiYyC7zj6AixDduQNhYTfTw"
    "ZaNRA/NfnfPTd53zPW31ogh2P1HZsQ5wz3DGYiyrGP9+Meivxji1L+HrU0+h7yigsnLet4"
    "Wz9csoYnG2GkY0UJTJA1jvV+uB0K8BG/CBmUMpvwR5jPfOOh/K8J++H5wYyLhUY2FmMROc"
    "lKi4nm1KRubxNOiAZXeGDsgmq74B9fln5VfgntnncT8Dhdxj3yn32DW5x67mHkH0PqXaEO"
    "Wi172QTnB8omnebt8lzdvt9WkedKU0n3/zVMB+o6FSNCRrUn7Jt5xrEueD9M8z/NDWAO70"
    "zroXTufsj0KCedNxuqCxjXReku4dl7hZToL+7jnvEAzRx0G/W85DSzvnowUx4Uhxl/GZi/"
    "08Jqk4FRWo9gQB4O9BdNFzB2nWuQP7AxbMkxzwTGhP0lUt68USZxPWi55bYP2JZddnQvKd"
    "7jbWBXk4VSseiWvL0rzL7cXpti5x46FucFyc2i+PWkftw+OjZU26lNSVomnZmQEaYP2SIE"
    "JwUYXUITdrMC167cITpO6SdD849Y/r5R15P+i/Tc3LL+7FAjoto+tctQ+CIfagivHdiobb"
    "fJ1tVRXaYVmCGR4bIGHHsL+krdchgnoTa0XDL9Hs13X6cGZzW4dvPfi396w26kr9X1pS//"
    "HWr282fSVCQkgVZNdXITmXHWw12c3mXcq9ZnN9uQe6Ug2iL9UGCCfmO4jugzTy9IqKsBWv"
    "v/Xto5zLj+8fPc7HbGudokf9mC3+BRHvjO0="
)
