import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-cased; unique. */
  @Column({ type: 'text', unique: true })
  email!: string;

  @Column({ type: 'text' })
  name!: string;

  /** argon2id PHC string; never leaves the users module. */
  @Column({ type: 'text' })
  passwordHash!: string;

  @Column({ type: 'boolean', default: false })
  isAdmin!: boolean;

  /** A deactivated account cannot sign in, and its tokens and sessions are refused. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /**
   * Staff tokens and sessions carry the version they were issued under; sign-out, a password
   * change and deactivation bump it, which ends every one issued before.
   */
  @Column({ type: 'integer', default: 0 })
  tokenVersion!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
