mod image;
mod tokenizer;
mod version;
