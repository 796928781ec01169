// #16 core
export {};
