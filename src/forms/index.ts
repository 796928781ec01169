export type {
  FieldDataClass,
  FieldUi,
  FormDefinition,
  FormPage,
  FormUi,
  LawfulBasis,
  Widget,
} from "./form-definition.js";
// #11 applications
export { createSmsGateway, type SmsGateway } from "./sms-gateway.js";
