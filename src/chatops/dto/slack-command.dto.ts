import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_TEXT } from './text-limit.js';

/**
 * A Slack slash-command payload (form fields). Slack adds fields over time, so the controller keeps
 * only these before validation instead of refusing the request (see `readForm`).
 */
export class SlackCommandDto {
  @IsOptional() @IsString() @MaxLength(200) token?: string;
  @IsOptional() @IsString() @MaxLength(100) team_id?: string;
  @IsOptional() @IsString() @MaxLength(200) team_domain?: string;
  @IsOptional() @IsString() @MaxLength(100) enterprise_id?: string;
  @IsOptional() @IsString() @MaxLength(200) enterprise_name?: string;
  @IsOptional() @IsString() @MaxLength(100) channel_id?: string;
  @IsOptional() @IsString() @MaxLength(200) channel_name?: string;
  @IsOptional() @IsString() @MaxLength(100) user_id?: string;
  @IsOptional() @IsString() @MaxLength(200) user_name?: string;
  @IsOptional() @IsString() @MaxLength(100) command?: string;
  /** Room for a pasted manifest; `validate` answers anything above 64 KiB with an error reply. */
  @IsOptional() @IsString() @MaxLength(MAX_TEXT) text?: string;
  @IsOptional() @IsString() @MaxLength(2000) response_url?: string;
  @IsOptional() @IsString() @MaxLength(200) trigger_id?: string;
  @IsOptional() @IsString() @MaxLength(100) api_app_id?: string;
  @IsOptional() @IsIn(['true', 'false']) is_enterprise_install?: string;
  /** Slack's certificate probe: answered with an empty 200. */
  @IsOptional() @IsIn(['1']) ssl_check?: string;
}

export const SLACK_FIELDS: readonly (keyof SlackCommandDto)[] = [
  'token',
  'team_id',
  'team_domain',
  'enterprise_id',
  'enterprise_name',
  'channel_id',
  'channel_name',
  'user_id',
  'user_name',
  'command',
  'text',
  'response_url',
  'trigger_id',
  'api_app_id',
  'is_enterprise_install',
  'ssl_check',
];
