export { actorOfUser, getActor } from "./actor";
export {
  type Auth,
  type AuthMail,
  CLIENT_IP_HEADER,
  type CreateAuthOptions,
  createAuth,
  THROTTLED_MESSAGE,
} from "./auth";
export {
  DEACTIVATED_MESSAGE,
  deactivateLogin,
  loginRulesFor,
  reactivateLogin,
} from "./login-safety";
export { setPassword } from "./logins";
export { defaultThrottleLimits, pruneAuthThrottle, type ThrottleLimits } from "./throttle";
