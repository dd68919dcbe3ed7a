-- monday-sync: ORDER_LIST delta tables for SQL Server (the layout of configs/pipelines/sync_order_list.toml).
-- Rows to sync are inserted with SYNC_STATE 'NEW' (or set back to 'PENDING'); monday-sync claims them
-- ('SYNCING'), and writes MONDAY_ITEM_ID / MONDAY_SUBITEM_ID and 'SYNCED' only after monday confirmed,
-- or 'FAILED' with the reason in SYNC_ERROR. Safe to run twice.

IF OBJECT_ID(N'dbo.ORDER_LIST', N'U') IS NULL
CREATE TABLE dbo.ORDER_LIST (
  ORDER_ID        BIGINT         NOT NULL CONSTRAINT PK_ORDER_LIST PRIMARY KEY,
  ORDER_NUMBER    NVARCHAR(255)  NULL,      -- item name (1 to 255 characters)
  CUSTOMER        NVARCHAR(255)  NULL,
  SEASON          NVARCHAR(255)  NULL,      -- monday group (created when missing)
  CATEGORY        NVARCHAR(255)  NULL,      -- dropdown
  ORDER_STATUS    NVARCHAR(255)  NULL,      -- status label
  ORDER_DATE      DATE           NULL,
  DUE_DATE        DATE           NULL,
  TOTAL_QTY       INT            NULL,
  NOTES           NVARCHAR(2000) NULL,      -- long_text holds at most 2,000 characters
  SYNC_STATE      NVARCHAR(16)   NOT NULL CONSTRAINT DF_ORDER_LIST_STATE DEFAULT N'NEW',
  MONDAY_ITEM_ID  BIGINT         NULL,
  SYNC_ERROR      NVARCHAR(1000) NULL,
  UPDATED_AT      DATETIME2      NOT NULL CONSTRAINT DF_ORDER_LIST_UPDATED DEFAULT SYSUTCDATETIME()
);

IF OBJECT_ID(N'dbo.ORDER_LIST_LINES', N'U') IS NULL
CREATE TABLE dbo.ORDER_LIST_LINES (
  LINE_ID           BIGINT        NOT NULL CONSTRAINT PK_ORDER_LIST_LINES PRIMARY KEY,
  ORDER_ID          BIGINT        NOT NULL CONSTRAINT FK_ORDER_LIST_LINES_ORDER REFERENCES dbo.ORDER_LIST (ORDER_ID),
  LINE_NAME         NVARCHAR(255) NULL,     -- subitem name
  STYLE             NVARCHAR(64)  NULL,
  SIZE              NVARCHAR(16)  NULL,     -- dropdown on the subitems board
  COLOR             NVARCHAR(64)  NULL,
  QTY               INT           NULL,
  SHIP_DATE         DATE          NULL,
  SYNC_STATE        NVARCHAR(16)  NOT NULL CONSTRAINT DF_ORDER_LIST_LINES_STATE DEFAULT N'NEW',
  MONDAY_SUBITEM_ID BIGINT        NULL,
  SYNC_ERROR        NVARCHAR(1000) NULL
);

-- pending rows are read by state and key; lines are joined to their order
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_ORDER_LIST_state' AND object_id = OBJECT_ID(N'dbo.ORDER_LIST'))
  CREATE INDEX ix_ORDER_LIST_state ON dbo.ORDER_LIST (SYNC_STATE, ORDER_ID) INCLUDE (MONDAY_ITEM_ID);
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_ORDER_LIST_LINES_state' AND object_id = OBJECT_ID(N'dbo.ORDER_LIST_LINES'))
  CREATE INDEX ix_ORDER_LIST_LINES_state ON dbo.ORDER_LIST_LINES (SYNC_STATE, LINE_ID) INCLUDE (ORDER_ID);
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_ORDER_LIST_LINES_order' AND object_id = OBJECT_ID(N'dbo.ORDER_LIST_LINES'))
  CREATE INDEX ix_ORDER_LIST_LINES_order ON dbo.ORDER_LIST_LINES (ORDER_ID);

-- The account monday-sync runs as needs only these rights:
--   GRANT SELECT, UPDATE ON dbo.ORDER_LIST TO monday_sync;
--   GRANT SELECT, UPDATE ON dbo.ORDER_LIST_LINES TO monday_sync;
