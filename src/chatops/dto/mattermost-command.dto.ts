import { IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_TEXT } from './text-limit.js';

/**
 * A Mattermost slash-command payload (form fields). Like Slack, Mattermost sends more fields in
 * newer versions; only these are read (see `readForm`). `token` was checked by the guard already.
 */
export class MattermostCommandDto {
  @IsOptional() @IsString() @MaxLength(200) token?: string;
  @IsOptional() @IsString() @MaxLength(100) team_id?: string;
  @IsOptional() @IsString() @MaxLength(200) team_domain?: string;
  @IsOptional() @IsString() @MaxLength(100) channel_id?: string;
  @IsOptional() @IsString() @MaxLength(200) channel_name?: string;
  @IsOptional() @IsString() @MaxLength(100) user_id?: string;
  @IsOptional() @IsString() @MaxLength(200) user_name?: string;
  @IsOptional() @IsString() @MaxLength(100) command?: string;
  /** Room for a pasted manifest; `validate` answers anything above 64 KiB with an error reply. */
  @IsOptional() @IsString() @MaxLength(MAX_TEXT) text?: string;
  @IsOptional() @IsString() @MaxLength(2000) response_url?: string;
  @IsOptional() @IsString() @MaxLength(200) trigger_id?: string;
}

export const MATTERMOST_FIELDS: readonly (keyof MattermostCommandDto)[] = [
  'token',
  'team_id',
  'team_domain',
  'channel_id',
  'channel_name',
  'user_id',
  'user_name',
  'command',
  'text',
  'response_url',
  'trigger_id',
];
