export type {
  FieldDataClass,
  FieldUi,
  FormDefinition,
  FormPage,
  FormUi,
  LawfulBasis,
  Widget,
} from "./form-definition.js";
