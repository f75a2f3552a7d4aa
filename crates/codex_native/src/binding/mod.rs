mod file_search;
mod image;
mod tokenizer;
mod version;
