/**
 * Characters of a command's `text`: four times what `validate` takes (64 KiB), so an oversized
 * paste is answered in chat with the limit rather than refused with a 400 the user never sees;
 * beyond it the request is refused (Mattermost itself caps a post at 16,383 characters).
 */
export const MAX_TEXT = 256 * 1024;
