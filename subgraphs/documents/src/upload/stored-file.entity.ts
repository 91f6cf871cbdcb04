import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { UploadKind } from '@econtract/server-kit';

/** An uploaded file's record; its bytes sit in the configured `FileStorage` (the `bytes` column for PostgreSQL). */
@Entity({ tableName: 'stored_file' })
export class StoredFile {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** The uploader's company: only it may claim the file. */
  @Property({ type: 'uuid' })
  companyId!: string;

  @Property({ type: 'text' })
  kind!: UploadKind;

  /** Decided from the bytes, never from the name or the declared type. */
  @Property({ type: 'text' })
  contentType!: string;

  @Property({ type: 'integer' })
  byteSize!: number;

  /** Hex SHA-256 of the bytes. */
  @Property({ type: 'text' })
  sha256!: string;

  /** Pages of a PDF; null for images. */
  @Property({ type: 'integer', nullable: true })
  pageCount!: number | null;

  @Property({ type: 'uuid' })
  uploadedBy!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  /** Set when a contract, template or seal takes the file; unclaimed files are swept after a day. */
  @Property({ type: 'timestamptz', nullable: true })
  claimedAt: Date | null = null;
}
