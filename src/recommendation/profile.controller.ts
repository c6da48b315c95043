import { Controller, Get } from '@nestjs/common';
import { type ProfileFieldInfo, profileInfo } from './domain/profile-levels.js';

/**
 * `GET /v1/profile`: the requirement profile's fields, their values, defaults and what each level
 * means, as data, so a portal can build its form and explain the choices from the service itself.
 */
@Controller('v1/profile')
export class ProfileController {
  // Fixed at build time: computed once.
  private readonly info = profileInfo();

  @Get()
  describeProfile(): { fields: ProfileFieldInfo[] } {
    return this.info;
  }
}
