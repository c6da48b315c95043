import { Injectable } from '@nestjs/common';

/** Whether the process is draining: readiness fails from the first moment of shutdown. */
@Injectable()
export class LifecycleService {
  private draining = false;

  get isDraining(): boolean {
    return this.draining;
  }

  startDraining(): void {
    this.draining = true;
  }
}
