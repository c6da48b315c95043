import { RecommendationRequestDto } from './recommendation-request.dto.js';

/**
 * Query of `GET /v1/recommendations`: the same fields as the POST body, as flat dotted parameters
 * (`capabilities.mesh=linkerd`, `weights.security=0.5`). The controller turns the flat pairs into
 * the nested object with `unflattenProfile` (which also converts "true"/"0.5" strings) and then
 * validates it with these rules, through the same global pipe as the body: one profile, one answer,
 * whichever way it arrives.
 */
export class RecommendationQueryDto extends RecommendationRequestDto {}
