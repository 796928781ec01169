// #17 core: the FAQ assistant's one entry point (IF-4)
export {
  type AssistantAnswer,
  type AssistantQuestion,
  type AssistantSource,
  answerQuestion,
} from "./answer-question.js";
