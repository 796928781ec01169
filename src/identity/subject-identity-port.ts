import { findCitizenEmail } from "./citizen-contact.js";
import { citizenKeys } from "./my-requests.js";
import { personAccountData } from "./person-account.js";
import { requesterDelegation, subjectIdentityVerified } from "./subject-identity.js";

/** #17 subjects: identity's reads that data-subject requests use, handed to privacy's routes by the app. */
export const subjectIdentity = {
  findCitizenEmail,
  requesterDelegation,
  subjectIdentityVerified,
  citizenKeys,
  personAccountData,
};
